// The streaming digest, over OpenSSL (see sha256.h for why apart from sha256Hex).
#include "sha256.h"

#include "error.h"

#include <openssl/evp.h>

namespace hako {

namespace {

// Fetched once: an implicit fetch per EVP_DigestInit_ex costs a provider lookup each time.
const EVP_MD *sha256Algorithm()
{
    static EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (!md)
        throw Error("sha256: OpenSSL has no SHA256 implementation");
    return md;
}

} // namespace

struct Sha256::Context {
    struct Free {
        void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
    };
    std::unique_ptr<EVP_MD_CTX, Free> evp{EVP_MD_CTX_new()};

    void start()
    {
        if (!evp || EVP_DigestInit_ex(evp.get(), sha256Algorithm(), nullptr) != 1)
            throw Error("sha256: cannot initialise the digest");
    }
};

Sha256::Sha256() : ctx_(std::make_unique<Context>())
{
    ctx_->start();
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256 &&) noexcept = default;
Sha256 &Sha256::operator=(Sha256 &&) noexcept = default;

void Sha256::update(const void *data, size_t size)
{
    if (size > 0 && EVP_DigestUpdate(ctx_->evp.get(), data, size) != 1)
        throw Error("sha256: digest update failed");
}

std::string Sha256::hexDigest()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx_->evp.get(), digest, &length) != 1)
        throw Error("sha256: digest final failed");
    ctx_->start();
    static const char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(hex[digest[i] >> 4]);
        out.push_back(hex[digest[i] & 0xf]);
    }
    return out;
}

} // namespace hako
