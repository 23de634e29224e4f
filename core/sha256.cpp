#include "sha256.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

namespace hako {

namespace {

using Word = uint32_t;

constexpr Word rotr(Word x, int n)
{
    return (x >> n) | (x << (32 - n));
}

std::vector<int> firstPrimes(size_t count)
{
    std::vector<int> primes;
    for (int n = 2; primes.size() < count; ++n) {
        bool prime = true;
        for (int p : primes)
            if (n % p == 0) {
                prime = false;
                break;
            }
        if (prime)
            primes.push_back(n);
    }
    return primes;
}

// The first 32 bits of the fractional part of `value` (the standard defines the constants
// this way: square roots of the first 8 primes, cube roots of the first 64).
Word fractionBits(long double value)
{
    const long double fraction = value - std::floor(value);
    return static_cast<Word>(std::floor(std::ldexp(fraction, 32)));
}

struct Constants {
    std::array<Word, 8> initial{};
    std::array<Word, 64> round{};
    Constants()
    {
        const std::vector<int> primes = firstPrimes(64);
        for (size_t i = 0; i < 8; ++i)
            initial[i] = fractionBits(std::sqrt(static_cast<long double>(primes[i])));
        for (size_t i = 0; i < 64; ++i)
            round[i] = fractionBits(std::cbrt(static_cast<long double>(primes[i])));
    }
};

const Constants &constants()
{
    static const Constants c;
    return c;
}

void compress(std::array<Word, 8> &state, const unsigned char *block)
{
    std::array<Word, 64> w{};
    for (int i = 0; i < 16; ++i)
        w[i] = Word(block[4 * i]) << 24 | Word(block[4 * i + 1]) << 16 | Word(block[4 * i + 2]) << 8 |
               Word(block[4 * i + 3]);
    for (int i = 16; i < 64; ++i) {
        const Word s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        const Word s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    auto [a, b, c, d, e, f, g, h] = state;
    for (int i = 0; i < 64; ++i) {
        const Word s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        const Word choose = (e & f) ^ (~e & g);
        const Word t1 = h + s1 + choose + constants().round[i] + w[i];
        const Word s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        const Word majority = (a & b) ^ (a & c) ^ (b & c);
        const Word t2 = s0 + majority;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    const std::array<Word, 8> add{a, b, c, d, e, f, g, h};
    for (size_t i = 0; i < 8; ++i)
        state[i] += add[i];
}

} // namespace

std::string sha256Hex(std::string_view data)
{
    std::array<Word, 8> state = constants().initial;
    // The message, a 1 bit, zeros to 56 mod 64 bytes, then the length in bits (big-endian).
    std::string padded(data);
    padded.push_back(static_cast<char>(0x80));
    while (padded.size() % 64 != 56)
        padded.push_back('\0');
    const uint64_t bits = static_cast<uint64_t>(data.size()) * 8;
    for (int shift = 56; shift >= 0; shift -= 8)
        padded.push_back(static_cast<char>((bits >> shift) & 0xff));
    for (size_t offset = 0; offset < padded.size(); offset += 64)
        compress(state, reinterpret_cast<const unsigned char *>(padded.data() + offset));
    static const char hex[] = "0123456789abcdef";
    std::string out;
    for (const Word word : state)
        for (int shift = 28; shift >= 0; shift -= 4)
            out.push_back(hex[(word >> shift) & 0xf]);
    return out;
}

} // namespace hako
