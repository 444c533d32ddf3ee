#include "recognize/tagger_model.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/error.hpp"
#include "io/atomic_file.hpp"

namespace conflictmap::recognize {

namespace {

constexpr char kMagic[8] = {'C', 'M', 'T', 'A', 'G', '\r', '\n', '\x1a'};

struct FileHeader {
    char magic[8];
    std::uint32_t format_version;
    std::uint32_t feature_version;
    std::uint32_t header_size;
    std::uint32_t tag_count;
    std::uint64_t file_size;
    std::uint64_t feature_count;
    std::uint64_t word_count;
    std::uint64_t metadata_size;
    float weight_scale;
    float temperature;
    std::uint32_t flags;
    std::uint32_t body_crc32;
    std::uint32_t header_crc32;  // of this header with this field zero
    std::uint32_t stages;        // 1: sentence features only; 2: then document features
};
static_assert(sizeof(FileHeader) == 80);

struct WordRecord {
    std::uint64_t key;
    std::uint16_t coarse;
    std::uint16_t fine;
    std::uint8_t lower_share;
    std::uint8_t pad[3];
};
static_assert(sizeof(WordRecord) == 16);

std::uint32_t crc(const void* data, std::size_t size, std::uint32_t start = 0) {
    uLong c = start ? start : crc32(0L, Z_NULL, 0);
    const auto* p = static_cast<const Bytef*>(data);
    while (size > 0) {
        const uInt chunk = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
        c = crc32(c, p, chunk);
        p += chunk;
        size -= chunk;
    }
    return static_cast<std::uint32_t>(c);
}

std::uint32_t header_crc(FileHeader h) {
    h.header_crc32 = 0;
    return crc(&h, sizeof h);
}


}  // namespace

TaggerModel TaggerModel::from_weights(const std::vector<std::uint64_t>& keys, const std::vector<float>& weights,
                                      const std::vector<float>& transitions, int stages, WordClusters clusters,
                                      float temperature, std::uint32_t flags, std::string metadata) {
    TaggerModel m;
    float max_abs = 0;
    for (float w : weights) max_abs = std::max(max_abs, std::fabs(w));
    m.m_scale = max_abs > 0 ? max_abs / 32767.f : 1.f;
    std::vector<std::pair<std::uint64_t, std::size_t>> order;
    order.reserve(keys.size());
    for (std::size_t f = 0; f < keys.size(); ++f) order.emplace_back(keys[f], f);
    std::sort(order.begin(), order.end());
    std::vector<std::uint64_t> kept_keys;
    std::vector<std::int16_t> kept;
    for (const auto& [key, f] : order) {
        std::int16_t q[kTagCount];
        bool any = false;
        for (int j = 0; j < kTagCount; ++j) {
            q[j] = static_cast<std::int16_t>(std::lround(weights[f * kTagCount + j] / m.m_scale));
            any |= q[j] != 0;
        }
        if (!any || key == 0) continue;
        kept_keys.push_back(key);
        kept.insert(kept.end(), q, q + kTagCount);
    }
    m.build_table(kept_keys, kept);
    m.m_stages = stages;
    m.m_transitions.assign(transitions.begin(), transitions.begin() + stages * kTransitionCount);
    m.m_temperature = temperature;
    m.m_flags = flags;
    m.m_clusters = std::move(clusters);
    m.m_metadata = std::move(metadata);
    return m;
}

void TaggerModel::build_table(const std::vector<std::uint64_t>& keys, const std::vector<std::int16_t>& weights) {
    // Load <= 0.5: linear probing then averages ~1.5 slots per hit and
    // ~2.5 per miss, and a miss is the common case (a word never seen in training).
    std::size_t slots = 1024;
    while (slots < keys.size() * 2) slots *= 2;
    m_slots.assign(slots, Slot{});
    m_mask = slots - 1;
    m_feature_count = keys.size();
    for (std::size_t f = 0; f < keys.size(); ++f) {
        std::size_t i = keys[f] & m_mask;
        while (m_slots[i].key != 0) i = (i + 1) & m_mask;
        m_slots[i].key = keys[f];
        std::memcpy(m_slots[i].weight, &weights[f * kTagCount], sizeof m_slots[i].weight);
    }
}

void TaggerModel::write(const std::string& path) const {
    std::vector<std::uint64_t> keys;
    keys.reserve(m_feature_count);
    for (const auto& s : m_slots)
        if (s.key) keys.push_back(s.key);
    std::sort(keys.begin(), keys.end());
    std::vector<std::int16_t> weights;
    weights.reserve(keys.size() * kTagCount);
    for (auto k : keys) {
        const std::int16_t* w = find(k);
        weights.insert(weights.end(), w, w + kTagCount);
    }
    std::vector<WordRecord> words;
    for (const auto& [key, info] : m_clusters.entries())
        words.push_back(WordRecord{key, info.coarse, info.fine, info.lower_share, {0, 0, 0}});

    std::string body;
    body.append(reinterpret_cast<const char*>(m_transitions.data()), m_transitions.size() * sizeof(float));
    body.append(reinterpret_cast<const char*>(keys.data()), keys.size() * sizeof(std::uint64_t));
    body.append(reinterpret_cast<const char*>(weights.data()), weights.size() * sizeof(std::int16_t));
    while (body.size() % 8) body.push_back('\0');
    body.append(reinterpret_cast<const char*>(words.data()), words.size() * sizeof(WordRecord));
    body.append(m_metadata);

    FileHeader h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.format_version = kFormatVersion;
    h.feature_version = kFeatureVersion;
    h.header_size = sizeof(FileHeader);
    h.tag_count = kTagCount;
    h.file_size = sizeof(FileHeader) + body.size();
    h.feature_count = keys.size();
    h.word_count = words.size();
    h.metadata_size = m_metadata.size();
    h.weight_scale = m_scale;
    h.temperature = m_temperature;
    h.flags = m_flags;
    h.stages = static_cast<std::uint32_t>(m_stages);
    h.body_crc32 = crc(body.data(), body.size());
    h.header_crc32 = header_crc(h);
    io::AtomicFile out(path);
    out.write(&h, sizeof h);
    out.write(body);
    out.commit();
}

TaggerModel TaggerModel::read(const std::string& path) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) throw IoError(path, "open recognizer model", errno);
    std::string data;
    char buf[1 << 16];
    std::size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, f.get())) > 0) data.append(buf, got);
    if (std::ferror(f.get())) throw IoError(path, "read recognizer model", errno);
    auto bad = [&](const std::string& what) {
        return DataError(path, 0, "not a usable recognizer model: " + what);
    };
    if (data.size() < sizeof(FileHeader) || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
        throw bad("no conflictmap tagger header (wrong file, or truncated to " + std::to_string(data.size()) +
                  " bytes)");
    FileHeader h;
    std::memcpy(&h, data.data(), sizeof h);
    if (h.format_version != kFormatVersion)
        throw bad("format version " + std::to_string(h.format_version) + ", this conflictmap reads version " +
                  std::to_string(kFormatVersion) + "; use the model of this version (geodata/recognizer/) or retrain "
                  "with `conflictmap train-recognizer`");
    if (h.header_crc32 != header_crc(h) || h.header_size != sizeof(FileHeader))
        throw bad("header checksum mismatch (the file is corrupt)");
    if (h.feature_version != kFeatureVersion)
        throw bad("trained for feature set " + std::to_string(h.feature_version) + ", this conflictmap computes feature set " +
                  std::to_string(kFeatureVersion) + "; retrain with `conflictmap train-recognizer`");
    if (h.tag_count != kTagCount) throw bad("has " + std::to_string(h.tag_count) + " tags, expected " + std::to_string(kTagCount));
    if (h.file_size != data.size())
        throw bad("file is " + std::to_string(data.size()) + " bytes, header says " + std::to_string(h.file_size) +
                  " (truncated or appended to)");
    const char* body = data.data() + sizeof(FileHeader);
    const std::size_t body_size = data.size() - sizeof(FileHeader);
    if (crc(body, body_size) != h.body_crc32) throw bad("body checksum mismatch (the file is corrupt)");
    if (h.stages != 1 && h.stages != 2) throw bad("has " + std::to_string(h.stages) + " stages, expected 1 or 2");
    const std::size_t transition_bytes = h.stages * kTransitionCount * sizeof(float);
    std::size_t weights_bytes = h.feature_count * kTagCount * sizeof(std::int16_t);
    std::size_t need = transition_bytes + h.feature_count * 8 + weights_bytes;
    need = (need + 7) / 8 * 8;
    need += h.word_count * sizeof(WordRecord) + h.metadata_size;
    if (h.feature_count > (1ull << 32) || h.word_count > (1ull << 32) || need != body_size)
        throw bad("section sizes do not add up to the file size");
    if (!(h.weight_scale > 0) || !(h.temperature > 0) || !std::isfinite(h.weight_scale) || !std::isfinite(h.temperature))
        throw bad("weight scale or temperature is not a positive number");

    TaggerModel m;
    const char* p = body;
    m.m_stages = static_cast<int>(h.stages);
    m.m_transitions.resize(h.stages * kTransitionCount);
    std::memcpy(m.m_transitions.data(), p, transition_bytes);
    p += transition_bytes;
    std::vector<std::uint64_t> keys(h.feature_count);
    std::memcpy(keys.data(), p, h.feature_count * 8);
    p += h.feature_count * 8;
    std::vector<std::int16_t> weights(h.feature_count * kTagCount);
    std::memcpy(weights.data(), p, weights_bytes);
    p += weights_bytes;
    p = body + (p - body + 7) / 8 * 8;
    std::vector<std::pair<std::uint64_t, WordInfo>> words(h.word_count);
    for (std::size_t i = 0; i < h.word_count; ++i, p += sizeof(WordRecord)) {
        WordRecord r;
        std::memcpy(&r, p, sizeof r);
        words[i] = {r.key, WordInfo{r.coarse, r.fine, r.lower_share}};
    }
    m.m_metadata.assign(p, h.metadata_size);
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == 0 || (i > 0 && keys[i] <= keys[i - 1])) throw bad("feature keys are not sorted and unique");
    m.build_table(keys, weights);
    m.m_clusters = WordClusters(words);
    m.m_scale = h.weight_scale;
    m.m_temperature = h.temperature;
    m.m_flags = h.flags;
    return m;
}

}  // namespace conflictmap::recognize
