#include "render/labeler.hpp"

#include <cmath>

namespace conflictmap::render {

namespace {
long long cell_key(long long cx, long long cy) {
    return (cx << 32) ^ (cy & 0xffffffffLL);
}
}  // namespace

Labeler::Labeler(const Box& frame, double cell) : m_frame(frame), m_cell(cell) {}

void Labeler::insert(const Box& b) {
    const std::size_t id = m_boxes.size();
    m_boxes.push_back(b);
    const long long cx0 = static_cast<long long>(std::floor(b.x0 / m_cell));
    const long long cx1 = static_cast<long long>(std::floor(b.x1 / m_cell));
    const long long cy0 = static_cast<long long>(std::floor(b.y0 / m_cell));
    const long long cy1 = static_cast<long long>(std::floor(b.y1 / m_cell));
    for (long long cx = cx0; cx <= cx1; ++cx)
        for (long long cy = cy0; cy <= cy1; ++cy) m_grid[cell_key(cx, cy)].push_back(id);
}

void Labeler::add_obstacle(const Box& box) {
    insert(box);
}

bool Labeler::is_free(const Box& b) const {
    const long long cx0 = static_cast<long long>(std::floor(b.x0 / m_cell));
    const long long cx1 = static_cast<long long>(std::floor(b.x1 / m_cell));
    const long long cy0 = static_cast<long long>(std::floor(b.y0 / m_cell));
    const long long cy1 = static_cast<long long>(std::floor(b.y1 / m_cell));
    for (long long cx = cx0; cx <= cx1; ++cx) {
        for (long long cy = cy0; cy <= cy1; ++cy) {
            const auto it = m_grid.find(cell_key(cx, cy));
            if (it == m_grid.end()) continue;
            for (std::size_t id : it->second)
                if (m_boxes[id].intersects(b)) return false;
        }
    }
    return true;
}

bool Labeler::take(const Box& box) {
    if (!m_frame.contains(box) || !is_free(box)) return false;
    insert(box);
    m_labels.push_back(box);
    return true;
}

std::optional<Box> Labeler::place_beside(double x, double y, double r, double w, double h,
                                         double gap) {
    const double d = r + gap;
    // Diagonal positions sit at 45° off the symbol, not at its bounding corner.
    const double dd = r * 0.7 + gap;
    const Box candidates[] = {
        {x + d, y - h / 2, x + d + w, y + h / 2},  // right
        {x + dd, y - dd - h, x + dd + w, y - dd},  // upper right
        {x + dd, y + dd, x + dd + w, y + dd + h},  // lower right
        {x - d - w, y - h / 2, x - d, y + h / 2},  // left
        {x - dd - w, y - dd - h, x - dd, y - dd},  // upper left
        {x - dd - w, y + dd, x - dd, y + dd + h},  // lower left
        {x - w / 2, y - d - h, x + w / 2, y - d},  // above
        {x - w / 2, y + d, x + w / 2, y + d + h},  // below
    };
    for (const Box& c : candidates)
        if (take(c)) return c;
    return std::nullopt;
}

std::optional<Box> Labeler::place_centred(double x, double y, double w, double h) {
    for (double dy : {0.0, -0.6, 0.6, -1.2, 1.2}) {
        const Box c{x - w / 2, y - h / 2 + dy * h, x + w / 2, y + h / 2 + dy * h};
        if (take(c)) return c;
    }
    return std::nullopt;
}

}  // namespace conflictmap::render
