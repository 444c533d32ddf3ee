#pragma once

#include <optional>
#include <unordered_map>
#include <vector>

#include "render/view.hpp"

namespace conflictmap::render {

// Places labels without collisions. Every placed label and every obstacle
// (symbols, the title and legend panels) is a box in a grid; a label tries
// its candidate positions in order and takes the first free one inside the
// frame, or is dropped: a label is never drawn over another.
class Labeler {
  public:
    explicit Labeler(const Box& frame, double cell = 64);

    void add_obstacle(const Box& box);
    bool is_free(const Box& box) const;

    // A label of w×h beside a point symbol of radius r at (x, y): right,
    // upper right, lower right, left, upper left, lower left, above, below
    // (the cartographers' order of preference). `gap` separates symbol and text.
    std::optional<Box> place_beside(double x, double y, double r, double w, double h, double gap);
    // A label centred on (x, y), or nudged a little up or down (area names).
    std::optional<Box> place_centred(double x, double y, double w, double h);
    // Takes a box if it is free (furniture, a fixed position).
    bool take(const Box& box);

    const std::vector<Box>& placed() const { return m_labels; }

  private:
    void insert(const Box& box);
    Box m_frame;
    double m_cell;
    std::vector<Box> m_boxes;  // labels and obstacles
    std::vector<Box> m_labels;
    std::unordered_map<long long, std::vector<std::size_t>> m_grid;
};

}  // namespace conflictmap::render
