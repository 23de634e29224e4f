#include "registry_http.h"

#include "error.h"

#include <curl/curl.h>

#include <algorithm>
#include <exception>
#include <mutex>

namespace hako {

namespace {

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string trim(std::string_view s)
{
    const auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos)
        return {};
    const auto end = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(begin, end - begin + 1));
}

struct CurlSlist {
    curl_slist *list = nullptr;
    ~CurlSlist() { curl_slist_free_all(list); }
    void add(const std::string &s) { list = curl_slist_append(list, s.c_str()); }
};

} // namespace

std::string HttpResponse::header(const std::string &lowerName) const
{
    const auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
}

struct Http::Impl {
    CURL *curl = nullptr;
    // The transfer in progress, for the C callbacks.
    const HttpRequest *request = nullptr;
    HttpResponse *response = nullptr;
    std::exception_ptr sinkError;

    static size_t onHeader(char *data, size_t size, size_t count, void *self);
    static size_t onBody(char *data, size_t size, size_t count, void *self);
    static int onProgress(void *self, curl_off_t dlTotal, curl_off_t dlNow, curl_off_t, curl_off_t);
};

size_t Http::Impl::onHeader(char *data, size_t size, size_t count, void *self)
{
    auto *impl = static_cast<Impl *>(self);
    const std::string_view line(data, size * count);
    // Each response of a redirect chain starts with a status line: keep only the last's headers.
    if (line.starts_with("HTTP/")) {
        impl->response->headers.clear();
        impl->response->authenticate.clear();
        return line.size();
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos)
        return line.size();
    const std::string name = lower(std::string(line.substr(0, colon)));
    const std::string value = trim(line.substr(colon + 1));
    if (name == "www-authenticate")
        impl->response->authenticate.push_back(value);
    impl->response->headers[name] = value;
    return line.size();
}

size_t Http::Impl::onBody(char *data, size_t size, size_t count, void *self)
{
    auto *impl = static_cast<Impl *>(self);
    const std::string_view piece(data, size * count);
    long status = 0;
    curl_easy_getinfo(impl->curl, CURLINFO_RESPONSE_CODE, &status);
    if (!impl->request->sink || status < 200 || status >= 300) {
        // Manifests, tokens and error messages are small; a server that sends more is refused
        // rather than let it fill the helper's memory (Docker caps manifests at 4 MiB).
        constexpr size_t kMaxBodyBytes = size_t(8) << 20;
        if (impl->response->body.size() + piece.size() > kMaxBodyBytes) {
            impl->sinkError = std::make_exception_ptr(BadContentError(
                "GET " + impl->request->url + ": the response is larger than " +
                std::to_string(kMaxBodyBytes >> 20) + " MiB"));
            return 0;
        }
        impl->response->body.append(piece);
        return piece.size();
    }
    try {
        return impl->request->sink(piece, status) ? piece.size() : 0;
    } catch (...) {
        impl->sinkError = std::current_exception();
        return 0;
    }
}

int Http::Impl::onProgress(void *self, curl_off_t dlTotal, curl_off_t dlNow, curl_off_t, curl_off_t)
{
    auto *impl = static_cast<Impl *>(self);
    if (impl->request->cancel && impl->request->cancel->load())
        return 1;
    if (impl->request->onProgress && dlNow > 0)
        impl->request->onProgress(uint64_t(dlNow), uint64_t(std::max<curl_off_t>(dlTotal, 0)));
    return 0;
}

Http::Http() : impl_(std::make_unique<Impl>())
{
    initCurlOnce();
    impl_->curl = curl_easy_init();
    if (!impl_->curl)
        throw Error("cannot initialise libcurl");
}

Http::~Http()
{
    curl_easy_cleanup(impl_->curl);
}

HttpResponse Http::get(const HttpRequest &request)
{
    HttpResponse response;
    CURL *curl = impl_->curl;
    curl_easy_reset(curl);
    impl_->request = &request;
    impl_->response = &response;
    impl_->sinkError = nullptr;

    CurlSlist headers;
    for (const auto &h : request.headers)
        headers.add(h);
    char errorText[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "hako/0.1");
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, request.allowPlainHttpRedirects ? "http,https" : "https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
    // Credentials go to the host asked, never to the one redirected to (the default; said
    // here because the token must not reach a blob storage host).
    curl_easy_setopt(curl, CURLOPT_UNRESTRICTED_AUTH, 0L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
    // A stalled transfer (under 1 byte/s for a minute) fails instead of hanging the pull.
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    // Bigger pieces: fewer write(2)s and hash calls per blob.
    curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, 512L * 1024);
    if (!request.caFile.empty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, request.caFile.c_str());
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &Impl::onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, impl_.get());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Impl::onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, impl_.get());
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &Impl::onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, impl_.get());

    const CURLcode code = curl_easy_perform(curl);
    if (impl_->sinkError)
        std::rethrow_exception(impl_->sinkError);
    if (code == CURLE_ABORTED_BY_CALLBACK)
        throw CancelledError("pull cancelled while fetching " + request.url);
    if (code != CURLE_OK)
        throw HttpTransportError("GET " + request.url + ": "
                                     + (errorText[0] ? std::string(errorText) : curl_easy_strerror(code)),
                                 code == CURLE_SSL_CONNECT_ERROR);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    char *effective = nullptr;
    curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
    response.effectiveUrl = effective ? effective : request.url;
    return response;
}

std::string base64Encode(std::string_view data)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    for (size_t i = 0; i < data.size(); i += 3) {
        const uint32_t b0 = uint8_t(data[i]);
        const uint32_t b1 = i + 1 < data.size() ? uint8_t(data[i + 1]) : 0;
        const uint32_t b2 = i + 2 < data.size() ? uint8_t(data[i + 2]) : 0;
        const uint32_t triple = (b0 << 16) | (b1 << 8) | b2;
        out += alphabet[(triple >> 18) & 63];
        out += alphabet[(triple >> 12) & 63];
        out += i + 1 < data.size() ? alphabet[(triple >> 6) & 63] : '=';
        out += i + 2 < data.size() ? alphabet[triple & 63] : '=';
    }
    return out;
}

} // namespace hako
