#include "registry_auth.h"

#include "registry_pull.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace hako {

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string urlEscape(const std::string &s)
{
    std::string out;
    static constexpr char hex[] = "0123456789ABCDEF";
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            out += char(c);
        else
            out += {'%', hex[c >> 4], hex[c & 15]};
    }
    return out;
}

std::string basicHeader(const RegistryCredentials &credentials)
{
    return "Authorization: Basic " + base64Encode(credentials.username + ":" + credentials.password);
}

[[noreturn]] void needCredentials(const AuthContext &context, const std::string &url)
{
    throw Error("pull access denied for " + context.registry + ": " + url
                + " requires authentication (unauthorized); give credentials (docker login)");
}

[[noreturn]] void credentialsRefused(const AuthContext &context, const std::string &url, long status)
{
    throw Error("unauthorized: " + context.registry + " refused the credentials for \""
                + context.credentials->username + "\" (" + url + " answered " + std::to_string(status) + ")");
}

std::string fetchToken(Http &http, const AuthChallenge &challenge, const AuthContext &context)
{
    const auto realm = challenge.params.find("realm");
    if (realm == challenge.params.end() || realm->second.empty())
        throw Error(context.registry + ": Bearer challenge without a realm");
    std::string url = realm->second;
    const bool https = url.starts_with("https://");
    if (!https && !(url.starts_with("http://") && !context.secure))
        throw Error(context.registry + ": the token service \"" + url + "\" is not an https URL" +
                    (context.secure ? " (the registry is spoken to over HTTPS; credentials never go in the clear)" : ""));
    url += url.find('?') == std::string::npos ? '?' : '&';
    if (const auto service = challenge.params.find("service"); service != challenge.params.end())
        url += "service=" + urlEscape(service->second) + "&";
    const auto scope = challenge.params.find("scope");
    url += "scope=" + urlEscape(scope != challenge.params.end() ? scope->second : context.scope);

    HttpRequest request;
    request.url = url;
    request.caFile = context.caFile;
    request.cancel = context.cancel;
    request.followRedirects = true;
    request.allowPlainHttpRedirects = !context.secure;
    if (context.credentials)
        request.headers.push_back(basicHeader(*context.credentials));
    const HttpResponse response = http.get(request);
    if (response.status == 401 || response.status == 403) {
        if (context.credentials)
            credentialsRefused(context, url, response.status);
        needCredentials(context, url);
    }
    if (response.status != 200)
        throw Error("token request " + url + " answered " + std::to_string(response.status) + ": " +
                    response.body.substr(0, 200)); // the start is the message; never echo a whole page
    try {
        const auto j = nlohmann::json::parse(response.body);
        std::string token = j.value("token", "");
        if (token.empty())
            token = j.value("access_token", "");
        if (token.empty())
            throw Error("token response from " + url + " has no token");
        return "Authorization: Bearer " + token;
    } catch (const nlohmann::json::exception &e) {
        throw Error("token response from " + url + " is not JSON: " + e.what());
    }
}

} // namespace

AuthChallenge parseAuthChallenge(const std::string &value)
{
    AuthChallenge challenge;
    const auto space = value.find(' ');
    challenge.scheme = lower(value.substr(0, space));
    size_t i = space == std::string::npos ? value.size() : space + 1;
    while (i < value.size()) {
        while (i < value.size() && (value[i] == ' ' || value[i] == ','))
            ++i;
        const auto eq = value.find('=', i);
        if (eq == std::string::npos)
            break;
        const std::string key = lower(value.substr(i, eq - i));
        std::string val;
        i = eq + 1;
        if (i < value.size() && value[i] == '"') {
            for (++i; i < value.size() && value[i] != '"'; ++i) {
                if (value[i] == '\\' && i + 1 < value.size())
                    ++i;
                val += value[i];
            }
            ++i; // the closing quote
        } else {
            const auto end = value.find(',', i);
            val = value.substr(i, end - i);
            i = end == std::string::npos ? value.size() : end;
        }
        challenge.params[key] = val;
    }
    return challenge;
}

std::string answerChallenge(Http &http, const std::vector<std::string> &challenges, const std::string &url,
                            const AuthContext &context)
{
    std::optional<AuthChallenge> basic;
    for (const auto &value : challenges) {
        AuthChallenge challenge = parseAuthChallenge(value);
        if (challenge.scheme == "bearer")
            return fetchToken(http, challenge, context);
        if (challenge.scheme == "basic")
            basic = challenge;
    }
    if (!basic)
        throw Error(context.registry + ": " + url + " answered 401 without a challenge we support");
    if (!context.credentials)
        needCredentials(context, url);
    return basicHeader(*context.credentials);
}

} // namespace hako
