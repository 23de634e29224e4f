// Unpacks layer tars with core's unpackLayer, one fresh directory per layer, and prints the
// wall time in milliseconds (bench/import_bench.sh compares it with `tar -x`):
//   bench_unpack_layers OUTDIR LAYER.tar...
#include "error.h"
#include "fd.h"
#include "fs.h"
#include "layer_unpack.h"

#include <fcntl.h>

#include <chrono>
#include <cstdio>
#include <string>

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s OUTDIR LAYER.tar...\n", argv[0]);
        return 2;
    }
    const std::string out = argv[1];
    try {
        const auto start = std::chrono::steady_clock::now();
        for (int i = 2; i < argc; ++i) {
            const std::string dir = out + "/" + std::to_string(i - 2);
            hako::makeDirs(dir);
            const hako::UniqueFd fd(::open(argv[i], O_RDONLY | O_CLOEXEC));
            if (!fd)
                hako::throwSys("open", argv[i]);
            hako::unpackLayer(fd.get(), dir);
        }
        const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
        std::printf("%.1f\n", elapsed.count());
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_unpack_layers: %s\n", e.what());
        return 1;
    }
    return 0;
}
