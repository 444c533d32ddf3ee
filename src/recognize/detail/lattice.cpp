#include "recognize/detail/lattice.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace conflictmap::recognize::detail {

void viterbi(const float* e, std::size_t n, const float* trans, std::uint8_t* out) {
    if (n == 0) return;
    constexpr float kNo = -std::numeric_limits<float>::infinity();
    thread_local std::vector<float> score;
    thread_local std::vector<std::uint8_t> back;
    score.resize(n * kTagCount);
    back.resize(n * kTagCount);
    for (int j = 0; j < kTagCount; ++j)
        score[j] = allowed(kStartRow, j) ? trans[kStartRow * kTagCount + j] + e[j] : kNo;
    for (std::size_t t = 1; t < n; ++t) {
        const float* prev = &score[(t - 1) * kTagCount];
        float* cur = &score[t * kTagCount];
        for (int j = 0; j < kTagCount; ++j) {
            float best = kNo;
            int arg = 0;
            for (int i = 0; i < kTagCount; ++i) {
                if (!allowed(i, j)) continue;
                const float s = prev[i] + trans[i * kTagCount + j];
                if (s > best) best = s, arg = i;
            }
            cur[j] = best + e[t * kTagCount + j];
            back[t * kTagCount + j] = static_cast<std::uint8_t>(arg);
        }
    }
    int best = 0;
    for (int j = 1; j < kTagCount; ++j)
        if (score[(n - 1) * kTagCount + j] > score[(n - 1) * kTagCount + best]) best = j;
    for (std::size_t t = n; t-- > 0;) {
        out[t] = static_cast<std::uint8_t>(best);
        if (t > 0) best = back[t * kTagCount + best];
    }
}

void Marginals::compute(const float* e, std::size_t n, const float* trans, float temperature) {
    m_n = n;
    const float inv_t = 1.0f / temperature;
    for (int i = 0; i <= kTagCount; ++i)
        for (int j = 0; j < kTagCount; ++j)
            m_trans[i * kTagCount + j] =
                allowed(i, j) ? std::exp(std::clamp(trans[i * kTagCount + j] * inv_t, -60.f, 60.f)) : 0.f;
    m_alpha.resize(n * kTagCount);
    m_beta.resize(n * kTagCount);
    m_emit.resize(n * kTagCount);
    m_scale.resize(n);
    for (std::size_t t = 0; t < n; ++t) {
        float mx = e[t * kTagCount];
        for (int j = 1; j < kTagCount; ++j) mx = std::max(mx, e[t * kTagCount + j]);
        for (int j = 0; j < kTagCount; ++j) m_emit[t * kTagCount + j] = std::exp((e[t * kTagCount + j] - mx) * inv_t);
    }
    for (std::size_t t = 0; t < n; ++t) {
        float* a = &m_alpha[t * kTagCount];
        const float* x = &m_emit[t * kTagCount];
        float sum = 0;
        for (int j = 0; j < kTagCount; ++j) {
            float s = 0;
            if (t == 0) {
                s = m_trans[kStartRow * kTagCount + j];
            } else {
                const float* p = &m_alpha[(t - 1) * kTagCount];
                for (int i = 0; i < kTagCount; ++i) s += p[i] * m_trans[i * kTagCount + j];
            }
            a[j] = s * x[j];
            sum += a[j];
        }
        if (!(sum > 0)) sum = 1e-30f;
        m_scale[t] = sum;
        for (int j = 0; j < kTagCount; ++j) a[j] /= sum;
    }
    for (int j = 0; j < kTagCount; ++j) m_beta[(n - 1) * kTagCount + j] = 1;
    for (std::size_t t = n - 1; t-- > 0;) {
        const float* nb = &m_beta[(t + 1) * kTagCount];
        const float* x = &m_emit[(t + 1) * kTagCount];
        float* b = &m_beta[t * kTagCount];
        const float c = m_scale[t + 1];
        for (int i = 0; i < kTagCount; ++i) {
            float s = 0;
            for (int j = 0; j < kTagCount; ++j) s += m_trans[i * kTagCount + j] * x[j] * nb[j];
            b[i] = s / c;
        }
    }
}

float Marginals::span_probability(std::size_t first, std::size_t last, EntityType type) const {
    const int B = begin_tag(type), I = inside_tag(type);
    float p = m_alpha[first * kTagCount + B];
    int prev = B;
    for (std::size_t t = first + 1; t <= last; ++t) {
        p *= m_trans[prev * kTagCount + I] * m_emit[t * kTagCount + I] / m_scale[t];
        prev = I;
    }
    float tail = m_beta[last * kTagCount + prev];
    if (last + 1 < m_n)
        tail -= m_trans[prev * kTagCount + I] * m_emit[(last + 1) * kTagCount + I] * m_beta[(last + 1) * kTagCount + I] /
                m_scale[last + 1];
    const float r = p * tail;
    return r < 0 ? 0.f : r > 1 ? 1.f : r;
}

}  // namespace conflictmap::recognize::detail
