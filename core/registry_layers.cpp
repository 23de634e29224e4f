#include "registry_layers.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace hako {

namespace {

// Docker pulls three layers at a time; four lets a typical few-layer image go in one round
// (bench/pull_bench.sh) at the cost of one more registry connection.
constexpr size_t kParallelJobs = 4;

using Post = std::function<void(PullProgress)>;
using LayerJob = std::function<void(LayerDownload &layer, const Post &post, const std::atomic<bool> &stop)>;

// Runs `job` on every layer from a few threads; the pulling thread meanwhile delivers their
// progress and watches the caller's cancel flag.
class LayerJobs {
public:
    LayerJobs(std::vector<LayerDownload> &layers, const PullOptions &options) : layers_(layers), options_(options) {}

    void run(const LayerJob &job)
    {
        std::vector<std::thread> workers;
        const size_t count = std::min(kParallelJobs, layers_.size());
        for (size_t i = 0; i < count; ++i)
            workers.emplace_back([&] { work(job); });
        waitDelivering(count);
        for (auto &worker : workers)
            worker.join();
        deliver();
        if (options_.cancel && options_.cancel->load())
            throw CancelledError("pull cancelled");
        if (error_)
            std::rethrow_exception(error_);
    }

private:
    void work(const LayerJob &job)
    {
        const Post post = [this](PullProgress p) { this->post(std::move(p)); };
        try {
            for (size_t i = next_++; i < layers_.size() && !stop_; i = next_++)
                job(layers_[i], post, stop_);
        } catch (...) {
            std::lock_guard lock(mutex_);
            if (!error_)
                error_ = std::current_exception();
            stop_ = true;
        }
        std::lock_guard lock(mutex_);
        ++finished_;
        wake_.notify_all();
    }

    void post(PullProgress progress)
    {
        if (!options_.onProgress)
            return;
        std::lock_guard lock(mutex_);
        // One pending event per layer and status: the callback sees the latest count.
        const auto same = std::find_if(events_.begin(), events_.end(), [&](const PullProgress &e) {
            return e.id == progress.id && e.status == progress.status;
        });
        if (same != events_.end() && same + 1 == events_.end())
            *same = std::move(progress);
        else
            events_.push_back(std::move(progress));
        wake_.notify_all();
    }

    void waitDelivering(size_t workers)
    {
        for (;;) {
            {
                std::unique_lock lock(mutex_);
                wake_.wait_for(lock, std::chrono::milliseconds(50));
                if (finished_ == workers)
                    return;
            }
            if (options_.cancel && options_.cancel->load())
                stop_ = true;
            deliver();
        }
    }

    void deliver()
    {
        std::deque<PullProgress> events;
        {
            std::lock_guard lock(mutex_);
            events.swap(events_);
        }
        for (const auto &event : events)
            options_.onProgress(event);
    }

    std::vector<LayerDownload> &layers_;
    const PullOptions &options_;
    std::atomic<bool> stop_ = false;
    std::atomic<size_t> next_ = 0;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<PullProgress> events_;
    size_t finished_ = 0;
    std::exception_ptr error_;
};

} // namespace

std::string shortDigest(const std::string &digest)
{
    const auto colon = digest.find(':');
    return digest.substr(colon == std::string::npos ? 0 : colon + 1, 12);
}

void downloadLayers(const RegistryClient &client, const ImageStore &store, std::vector<LayerDownload> &layers,
                    const PullOptions &options, const std::string &downloadDir)
{
    LayerJobs(layers, options).run([&](LayerDownload &layer, const Post &post, const std::atomic<bool> &stop) {
        PullOptions own = options;
        own.cancel = &stop; // a failure elsewhere stops this transfer too
        RegistryClient layerClient(client, own);
        BlobFetchOptions fetch;
        fetch.downloadDir = downloadDir;
        fetch.cancel = &stop;
        fetch.alreadyDone = [&] { return store.hasLayer(layer.diffId); };
        const std::string id = shortDigest(layer.blob.digest);
        fetch.onProgress = [&](const std::string &status, uint64_t current, uint64_t total) {
            post({id, status, current, total});
        };
        layer.file = fetchBlob(layerClient, layer.blob, fetch);
        post({id, layer.file ? "Download complete" : "Already exists", layer.blob.size, layer.blob.size});
    });
}

void unpackLayers(const ImageStore &store, std::vector<LayerDownload> &layers, const PullOptions &options)
{
    LayerJobs(layers, options).run([&](LayerDownload &layer, const Post &post, const std::atomic<bool> &stop) {
        if (!layer.file)
            return;
        const std::string id = shortDigest(layer.blob.digest);
        UnpackOptions unpack;
        unpack.cancel = &stop;
        unpack.onProgress = [&](uint64_t read) { post({id, "Extracting", read, layer.blob.size}); };
        post({id, "Extracting", 0, layer.blob.size});
        store.addLayer(layer.file->fd(), layer.diffId, unpack);
        layer.file->discard();
        post({id, "Pull complete", layer.blob.size, layer.blob.size});
    });
}

} // namespace hako
