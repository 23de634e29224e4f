// Applies table `ip hako` in-process through libnftables: no nft binary to find or trust, and
// the whole script is one netlink batch, so the kernel takes all of it or none.
#include "firewall.h"

#include "error.h"
#include "sha256.h"

#include <nftables/libnftables.h>

#include <memory>

namespace hako
{

namespace
{

struct NftContextDeleter {
    void operator()(nft_ctx *ctx) const { ::nft_ctx_free(ctx); }
};
using NftContext = std::unique_ptr<nft_ctx, NftContextDeleter>;

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

NftContext newContext(std::string_view what)
{
    NftContext ctx(::nft_ctx_new(NFT_CTX_DEFAULT));
    if (!ctx)
        throw Error(std::string(what) + ": cannot create an nftables context");
    // Both captured rather than printed: the engine runs in a daemon, and nothing here is
    // meant for its stdout.
    if (::nft_ctx_buffer_output(ctx.get()) != 0 || ::nft_ctx_buffer_error(ctx.get()) != 0)
        throw Error(std::string(what) + ": cannot capture nftables output");
    return ctx;
}

// Runs an nft script; nft's own diagnostics (which line, what it did not like, or the
// kernel's refusal) become the error.
void runNft(const std::string &script, std::string_view what)
{
    const NftContext ctx = newContext(what);
    if (::nft_run_cmd_from_buffer(ctx.get(), script.c_str()) != 0) {
        const char *message = ::nft_ctx_get_error_buffer(ctx.get());
        const std::string text = trimmed(message ? message : "");
        throw Error(std::string(what) + ": " +
                    (text.empty() ? "nftables refused the rules" : text));
    }
}

// The table carries the fingerprint of the script that made it in its comment.
constexpr std::string_view kFingerprintPrefix = "hako ruleset ";

std::string fingerprintOf(const std::string &script)
{
    return std::string(kFingerprintPrefix) + sha256Hex(script).substr(0, 32);
}

// The fingerprint in the kernel's table now; empty when there is no table (or it was made by
// hand, without one).
std::string installedFingerprint()
{
    const NftContext ctx = newContext("read nftables table ip hako");
    const std::string list = "list table ip " + std::string(kFirewallTable);
    if (::nft_run_cmd_from_buffer(ctx.get(), list.c_str()) != 0)
        return {};
    const std::string_view text = ::nft_ctx_get_output_buffer(ctx.get());
    const size_t start = text.find(kFingerprintPrefix);
    const size_t end = start == std::string_view::npos ? start : text.find('"', start);
    return end == std::string_view::npos ? std::string() : std::string(text.substr(start, end - start));
}

// `script` with the table's comment line: after the last "table ip hako {" (the one that
// makes the table; the first two only make sure there is one to delete).
std::string withComment(const std::string &script, const std::string &fingerprint)
{
    const std::string opening = "table ip " + std::string(kFirewallTable) + " {\n";
    const size_t at = script.rfind(opening);
    if (at == std::string::npos)
        return script;
    std::string out = script;
    out.insert(at + opening.size(), "\tcomment \"" + fingerprint + "\"\n");
    return out;
}

} // namespace

void applyFirewall(const FirewallPlan &plan)
{
    // Replacing the table costs the kernel an RCU grace period for what it deletes (10-25 ms
    // here), and most calls (a stop, a removal, a start without published ports) would put
    // back exactly what is there: those cost one read instead.
    const std::string script = firewallRuleset(plan);
    const std::string fingerprint = fingerprintOf(script);
    if (installedFingerprint() == fingerprint)
        return;
    runNft(withComment(script, fingerprint),
           "apply nftables table ip " + std::string(kFirewallTable));
}

void removeFirewall()
{
    // Declaring the table first makes the delete succeed when there was none (nft 1.0.6 has
    // no `destroy`); both happen in one transaction.
    const std::string table = "table ip " + std::string(kFirewallTable);
    runNft(table + " {}\ndelete " + table + "\n", "remove nftables " + table);
}

} // namespace hako
