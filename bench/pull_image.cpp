// Pulls one image with core's pullImage into a state root and prints the wall time; used by
// bench/pull_bench.sh against a loopback registry:
//   pull_image REF STATE_ROOT      → "seconds bytes blobs (downloads seconds)"
#include "error.h"
#include "image.h"
#include "image_ref.h"
#include "registry_pull.h"

#include <chrono>
#include <cstdio>

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s REF STATE_ROOT\n", argv[0]);
        return 2;
    }
    try {
        const hako::ImageStore store(argv[2]);
        const auto start = std::chrono::steady_clock::now();
        // When the first layer starts unpacking: the downloads are all done then.
        std::chrono::duration<double> downloaded{};
        hako::PullOptions options;
        options.onProgress = [&](const hako::PullProgress &p) {
            if (p.status == "Extracting" && downloaded.count() == 0)
                downloaded = std::chrono::steady_clock::now() - start;
        };
        const auto result = hako::pullImage(store, hako::parseImageRef(argv[1]), options);
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        std::printf("%.3f %llu %d (downloads %.3f s)\n", elapsed.count(),
                    static_cast<unsigned long long>(result.bytesFetched), result.blobsFetched, downloaded.count());
    } catch (const std::exception &e) {
        std::fprintf(stderr, "pull_image: %s\n", e.what());
        return 1;
    }
    return 0;
}
