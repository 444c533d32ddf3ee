#include "gazetteer/index_writer.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "gazetteer/detail/index_format.hpp"
#include "gazetteer/prior.hpp"
#include "io/atomic_file.hpp"
#include "text/normalizer.hpp"

namespace conflictmap::gazetteer {

namespace {

using detail::FileHeader;
using detail::KeyRecord;
using detail::PlaceRecord;
using detail::PostingRecord;

// Keys longer than this are not names anyone searches for (and must fit the
// one-byte length prefix).
constexpr std::size_t kMaxKeyBytes = 200;

class StringPool {
public:
    StringPool() { m_blob.push_back('\0'); }
    std::uint32_t add(std::string_view s) {
        if (s.empty()) return 0;
        const auto it = m_offsets.find(std::string(s));
        if (it != m_offsets.end()) return it->second;
        if (m_blob.size() + s.size() + 1 > UINT32_MAX) throw Error("gazetteer string pool over 4 GiB");
        const auto off = static_cast<std::uint32_t>(m_blob.size());
        m_blob.append(s);
        m_blob.push_back('\0');
        m_offsets.emplace(std::string(s), off);
        return off;
    }
    const std::string& blob() const { return m_blob; }

private:
    std::string m_blob;
    std::unordered_map<std::string, std::uint32_t> m_offsets;
};

struct KeyedPosting {
    std::string key;
    std::uint32_t place;
    MatchKind kind;
};

std::string join_names(const Place& p, bool demonyms) {
    std::string out;
    for (const auto& n : p.names) {
        if ((n.kind == MatchKind::Demonym) != demonyms) continue;
        if (!out.empty()) out.push_back('|');
        out += n.text;
    }
    return out;
}

// Normalises every name of places [begin, end) into keyed postings; one place
// keeps one posting per key, with its best kind of name.
void collect_keys(const std::vector<const Place*>& sorted, std::size_t begin, std::size_t end,
                  std::vector<KeyedPosting>& out) {
    text::Normalizer normalizer;
    std::string key;
    std::vector<std::pair<std::string, MatchKind>> local;
    for (std::size_t i = begin; i < end; ++i) {
        const Place& p = *sorted[i];
        local.clear();
        auto add = [&](std::string_view text, MatchKind kind) {
            normalizer.key(text, key);
            if (key.empty() || key.size() > kMaxKeyBytes) return;
            for (auto& [k, kd] : local) {
                if (k == key) {
                    kd = std::min(kd, kind);
                    return;
                }
            }
            local.emplace_back(key, kind);
        };
        add(p.name, MatchKind::Name);
        for (const auto& n : p.names) add(n.text, n.kind);
        for (auto& [k, kd] : local) out.push_back({std::move(k), static_cast<std::uint32_t>(i), kd});
    }
}

void pad_to_8(io::AtomicFile& file, std::uint32_t& crc) {
    static const char zeros[8] = {};
    const std::size_t pad = (8 - file.size() % 8) % 8;
    file.write(zeros, pad);
    crc = static_cast<std::uint32_t>(crc32_z(crc, reinterpret_cast<const Bytef*>(zeros), pad));
}

}  // namespace

IndexStats write_index(const PlaceTable& table, nlohmann::json meta, const std::string& path,
                       unsigned threads) {
    // Places sorted by id: deterministic output, and lookups by id can bisect.
    std::vector<const Place*> sorted;
    sorted.reserve(table.size());
    for (const auto& p : table.places()) sorted.push_back(&p);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->id < b->id; });
    if (sorted.size() >= UINT32_MAX) throw Error("too many places for one index");

    // 1. Keys, in parallel: ICU transliteration of ~3 M names is the slow part.
    threads = std::max(1u, threads);
    std::vector<std::vector<KeyedPosting>> parts(threads);
    {
        std::vector<std::thread> workers;
        std::vector<std::exception_ptr> errors(threads);
        const std::size_t chunk = (sorted.size() + threads - 1) / threads;
        for (unsigned t = 0; t < threads; ++t) {
            const std::size_t b = std::min(sorted.size(), t * chunk);
            const std::size_t e = std::min(sorted.size(), b + chunk);
            workers.emplace_back([&, t, b, e] {
                try {
                    collect_keys(sorted, b, e, parts[t]);
                } catch (...) {
                    errors[t] = std::current_exception();
                }
            });
        }
        for (auto& w : workers) w.join();
        for (auto& e : errors)
            if (e) std::rethrow_exception(e);
    }
    std::vector<KeyedPosting> postings;
    {
        std::size_t total = 0;
        for (auto& part : parts) total += part.size();
        postings.reserve(total);
        for (auto& part : parts) {
            std::move(part.begin(), part.end(), std::back_inserter(postings));
            std::vector<KeyedPosting>().swap(part);
        }
    }

    std::vector<float> priors(sorted.size());
    for (std::size_t i = 0; i < sorted.size(); ++i) priors[i] = place_prior(*sorted[i]);

    // 2. Group by key; within a key users' places first (they win ties with
    // built-in entries), then by prior less the penalty of the kind of name.
    std::sort(postings.begin(), postings.end(), [&](const KeyedPosting& a, const KeyedPosting& b) {
        if (a.key != b.key) return a.key < b.key;
        const bool ua = sorted[a.place]->source == Source::User;
        const bool ub = sorted[b.place]->source == Source::User;
        if (ua != ub) return ua;
        const float sa = priors[a.place] - match_penalty(a.kind);
        const float sb = priors[b.place] - match_penalty(b.kind);
        if (sa != sb) return sa > sb;
        return a.place < b.place;
    });

    // 3. Records.
    StringPool strings;
    std::vector<PlaceRecord> place_records(sorted.size());
    std::map<std::string, std::uint64_t> by_class;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const Place& p = *sorted[i];
        PlaceRecord& r = place_records[i];
        std::memset(&r, 0, sizeof r);
        r.id = p.id;
        r.lat = p.lat;
        r.lon = p.lon;
        r.west = static_cast<float>(p.bbox.west);
        r.south = static_cast<float>(p.bbox.south);
        r.east = static_cast<float>(p.bbox.east);
        r.north = static_cast<float>(p.bbox.north);
        r.population = p.population;
        r.prior = priors[i];
        r.name = strings.add(p.name);
        r.names = strings.add(join_names(p, false));
        r.demonyms = strings.add(join_names(p, true));
        r.admin1_code = strings.add(p.admin1_code);
        r.admin1_name = strings.add(p.admin1_name);
        r.admin2_code = strings.add(p.admin2_code);
        r.admin2_name = strings.add(p.admin2_name);
        r.feature_class = p.feature_class;
        r.source = static_cast<std::uint8_t>(p.source);
        if (p.country_code.size() == 2) std::memcpy(r.country_code, p.country_code.data(), 2);
        std::strncpy(r.feature_code, p.feature_code.c_str(), sizeof r.feature_code);
        by_class[p.feature_class ? std::string(1, p.feature_class) : std::string("-")]++;
    }

    std::string key_bytes;
    std::vector<KeyRecord> keys;
    std::vector<PostingRecord> posting_records;
    posting_records.reserve(postings.size());
    for (std::size_t i = 0; i < postings.size(); ++i) {
        if (i == 0 || postings[i].key != postings[i - 1].key) {
            keys.push_back({static_cast<std::uint32_t>(key_bytes.size()),
                            static_cast<std::uint32_t>(posting_records.size())});
            key_bytes.push_back(static_cast<char>(postings[i].key.size()));
            key_bytes += postings[i].key;
        }
        posting_records.push_back({postings[i].place, static_cast<std::uint8_t>(postings[i].kind),
                                   static_cast<std::uint8_t>(
                                       sorted[postings[i].place]->source == Source::User),
                                   0});
    }
    const std::size_t key_count = keys.size();
    keys.push_back({static_cast<std::uint32_t>(key_bytes.size()),
                    static_cast<std::uint32_t>(posting_records.size())});
    std::vector<KeyedPosting>().swap(postings);

    // 4. Hash table at load factor <= 0.5: linear probing stays ~1.5 probes.
    std::uint64_t slots = 16;
    while (slots < key_count * 2) slots <<= 1;
    // Each slot keeps the high half of its key's hash beside the key's
    // index, so a probe that meets another key is rejected without reading
    // that key (one cache miss saved per collision).
    std::vector<std::uint64_t> hash(slots, 0);
    for (std::size_t k = 0; k < key_count; ++k) {
        const char* kb = key_bytes.data() + keys[k].bytes;
        const auto len = static_cast<unsigned char>(kb[0]);
        const std::uint64_t h = detail::hash_key(kb + 1, len);
        std::uint64_t s = h & (slots - 1);
        while (hash[s] != 0) s = (s + 1) & (slots - 1);
        hash[s] = (h & 0xFFFFFFFF00000000ull) | static_cast<std::uint32_t>(k + 1);
    }

    meta["format_version"] = detail::kFormatVersion;
    meta["counts"] = {{"places", sorted.size()},
                      {"keys", key_count},
                      {"postings", posting_records.size()},
                      {"by_feature_class", by_class}};
    const std::string meta_text = meta.dump();

    // 5. Write: header placeholder, sections, then the patched header.
    io::AtomicFile file(path);
    FileHeader header{};
    file.write(&header, sizeof header);
    std::uint32_t crc = static_cast<std::uint32_t>(crc32_z(0, nullptr, 0));
    auto section = [&](detail::SectionId id, const void* data, std::size_t size) {
        pad_to_8(file, crc);
        header.sections[id] = {file.size(), size};
        file.write(data, size);
        crc = static_cast<std::uint32_t>(crc32_z(crc, static_cast<const Bytef*>(data), size));
    };
    section(detail::kStrings, strings.blob().data(), strings.blob().size());
    section(detail::kPlaces, place_records.data(), place_records.size() * sizeof(PlaceRecord));
    section(detail::kKeyBytes, key_bytes.data(), key_bytes.size());
    section(detail::kKeys, keys.data(), keys.size() * sizeof(KeyRecord));
    section(detail::kPostings, posting_records.data(),
            posting_records.size() * sizeof(PostingRecord));
    section(detail::kHashSlots, hash.data(), hash.size() * sizeof(std::uint64_t));
    section(detail::kMeta, meta_text.data(), meta_text.size());

    std::memcpy(header.magic, detail::kMagic, sizeof header.magic);
    header.format_version = detail::kFormatVersion;
    header.header_size = sizeof header;
    header.file_size = file.size();
    header.place_count = sorted.size();
    header.key_count = key_count;
    header.posting_count = posting_records.size();
    header.hash_slot_count = slots;
    header.body_crc32 = crc;
    header.header_crc32 = 0;
    header.header_crc32 = static_cast<std::uint32_t>(
        crc32_z(0, reinterpret_cast<const Bytef*>(&header), sizeof header));
    file.write_at(0, &header, sizeof header);
    file.commit();

    return {sorted.size(), key_count, posting_records.size(), header.file_size};
}

}  // namespace conflictmap::gazetteer
