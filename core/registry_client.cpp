#include "registry_client.h"

#include "registry_pull.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace hako {

RegistryClient::RegistryClient(const ImageRef &ref, const PullOptions &options)
    : ref_(ref), options_(options)
{
    const auto &insecure = options.insecureRegistries;
    secure_ = !isLoopbackRegistry(ref.registry)
        && std::find(insecure.begin(), insecure.end(), ref.registry) == insecure.end();
    base_ = (secure_ ? "https://" : "http://") + ref.apiHost() + "/v2/" + ref.repository + "/";
}

RegistryClient::RegistryClient(const RegistryClient &other, const PullOptions &options)
    : ref_(other.ref_), options_(options), secure_(other.secure_), base_(other.base_),
      authorization_(other.authorization_)
{
}

std::string RegistryClient::url(const std::string &path) const
{
    return base_ + path;
}

HttpResponse RegistryClient::perform(const HttpRequest &request)
{
    try {
        return http_.get(request);
    } catch (const HttpTransportError &e) {
        if (!secure_ || !e.tlsFailed)
            throw;
        throw Error(std::string(e.what()) + " (if " + ref_.registry
                    + " serves plain HTTP, which Hako refuses for non-loopback registries, list it in "
                      "\"insecure-registries\" in /etc/hako/daemon.json)");
    }
}

HttpResponse RegistryClient::get(const std::string &path, HttpRequest request)
{
    request.url = url(path);
    request.caFile = options_.caFile;
    request.cancel = options_.cancel;
    request.allowPlainHttpRedirects = !secure_;
    const auto baseHeaders = request.headers;
    if (!authorization_.empty())
        request.headers.push_back(authorization_);
    HttpResponse response = perform(request);
    if (response.status != 401)
        return response;

    AuthContext context;
    context.registry = ref_.familiarName();
    context.scope = "repository:" + ref_.repository + ":pull";
    context.credentials = options_.credentials ? &*options_.credentials : nullptr;
    context.caFile = options_.caFile;
    context.cancel = options_.cancel;
    context.secure = secure_;
    authorization_ = answerChallenge(http_, response.authenticate, request.url, context);
    request.headers = baseHeaders;
    request.headers.push_back(authorization_);
    response = perform(request);
    if (response.status == 401) {
        if (options_.credentials)
            throw Error("unauthorized: " + ref_.registry + " refused the credentials for \""
                        + options_.credentials->username + "\" at " + request.url);
        throw Error("pull access denied for " + ref_.familiarName() + ": " + request.url
                    + " requires authentication; give credentials (docker login)");
    }
    return response;
}

std::string RegistryClient::errorText(const HttpResponse &response)
{
    try {
        const auto j = nlohmann::json::parse(response.body);
        std::string text;
        for (const auto &e : j.at("errors")) {
            if (!text.empty())
                text += "; ";
            const std::string code = e.value("code", "");
            const std::string message = e.value("message", "");
            text += code.empty() ? message : (message.empty() ? code : message);
        }
        if (!text.empty())
            return text;
    } catch (const nlohmann::json::exception &) {
        // not the registry's JSON: the body as it is
    }
    std::string body = response.body.substr(0, 200);
    std::replace(body.begin(), body.end(), '\n', ' ');
    return body.empty() ? "HTTP " + std::to_string(response.status) : body;
}

} // namespace hako
