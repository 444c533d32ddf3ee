#pragma once

// The renderer's internals, shared by map_renderer.cpp (basemap, symbols,
// labels) and furniture.cpp (title, legend, scale bar, north arrow, inset,
// source line). One Painter draws one map.

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "geo/canvas.hpp"
#include "render/basemap.hpp"
#include "render/labeler.hpp"
#include "render/map_renderer.hpp"
#include "render/view.hpp"

namespace conflictmap::render::detail {

using Clock = std::chrono::steady_clock;
using geo::Path;
using geo::ShapedText;

inline double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// One text shaper per thread: Pango's context is not thread-safe, and
// creating one (fontconfig set-up) costs milliseconds.
geo::TextShaper& shaper();
// Today's date, YYYY-MM-DD (UTC).
std::string today();
// ASCII letters in capitals (country names); other scripts have no case here.
std::string upper(const std::string& s);

struct Symbol {
    double x = 0, y = 0, r = 0;
    int count = 0;
    FeatureKind kind = FeatureKind::Place;
    std::string event_type;
    std::vector<std::pair<std::string, int>> members;  // name, count; biggest first
    std::set<std::string> event_types;                 // of the events it holds
    bool cluster() const { return members.size() > 1; }
};

struct LegendEntry {
    enum class Kind { Dot, Ring, Swatch, Hatch, Ramp, Capital } kind;
    std::string text;
    geo::Color color;
    double radius = 0;
};

class Painter {
  public:
    Painter(const Style& style, const Basemap& basemap, const gazetteer::Gazetteer* gaz,
            const MapData& data, const MapOptions& o)
        : m_style(style), m_basemap(basemap), m_gazetteer(gaz), m_data(data), m_o(o) {}

    RenderResult run();

  private:
    double u(double v) const { return v * m_k; }
    geo::FontSpec font(const LabelStyle& l) const {
        geo::FontSpec f;
        f.family = l.font;
        f.size = u(l.size);
        f.bold = l.bold;
        f.italic = l.italic;
        f.letter_spacing = u(l.letter_spacing);
        return f;
    }
    ShapedText shape(const std::string& text, const LabelStyle& l) const {
        return shaper().shape(l.uppercase ? upper(text) : text, font(l));
    }
    geo::Stroke stroke(const LineStyle& l) const {
        geo::Stroke s;
        s.color = l.color;
        s.width = u(l.width);
        for (double d : l.dash) s.dash.push_back(u(d));
        return s;
    }
    void draw_text(const ShapedText& t, double x, double y, const LabelStyle& l) {
        m_canvas->text(t, x, y, l.color, l.halo, u(l.halo_width));
    }
    // Lines of at most `max_width`, broken at spaces.
    std::vector<ShapedText> wrap(const std::string& text, const LabelStyle& l,
                                 double max_width) const;

    void layout_furniture();
    void choose_view();
    void draw_basemap();
    void draw_heatmap();
    void make_symbols();
    void draw_symbols();
    void find_towns(const geo::LonLatBox& bounds);
    void collect_towns();
    void place_labels();
    const MapView* inset_view();
    void draw_inset();
    void draw_furniture();

    const Style& m_style;
    const Basemap& m_basemap;
    const gazetteer::Gazetteer* m_gazetteer;
    const MapData& m_data;
    const MapOptions& m_o;

    double m_k = 1;
    std::unique_ptr<geo::Canvas> m_canvas;
    Box m_frame;
    std::unique_ptr<MapView> m_view;
    std::unique_ptr<Labeler> m_labeler;
    Resolution m_resolution = Resolution::Coarse110m;
    double m_metres_per_px = 0;  // ground metres per style pixel at the centre
    RenderResult m_result;

    // Furniture layout
    double m_margin = 0;
    std::vector<ShapedText> m_title_lines, m_subtitle_lines, m_note_lines, m_attribution_lines;
    Box m_title_box, m_inset_box, m_north_box, m_attribution_box, m_scalebar_box, m_legend_box;
    bool m_show_inset = false;
    std::vector<LegendEntry> m_legend;

    std::vector<const MapFeature*> m_focus;  // features the automatic extent fits
    std::vector<Symbol> m_symbols;
    bool m_any_disputed = false, m_any_highlight = false, m_any_capital = false;
    std::vector<std::pair<XY, ShapedText>> m_country_labels;
    struct Town {
        XY d;
        std::string name;
        bool capital;
        std::uint64_t population;
    };
    std::vector<Town> m_towns;  // d: lon/lat until collect_towns, then device
    std::unique_ptr<MapView> m_inset_view;
    std::vector<geo::Shape> m_inset_countries;
    std::optional<XY> m_legend_at;  // top-left corner, when moved off the symbols
    void place_legend();
};

// Measures without drawing: the furniture is laid out by drawing it here
// first, so labels can keep clear of the legend and scale bar.
class NullCanvas final : public geo::Canvas {
  public:
    NullCanvas(double w, double h) : Canvas(w, h) {}
    void fill(const Path&, const geo::Color&, bool) override {}
    void stroke(const Path&, const geo::Stroke&) override {}
    void hatch(const Path&, const geo::Color&, double, double) override {}
    void circle(double, double, double, const std::optional<geo::Color>&,
                const std::optional<geo::Stroke>&) override {}
    void rect(double, double, double, double, const std::optional<geo::Color>&,
              const std::optional<geo::Stroke>&, double) override {}
    void text(const ShapedText&, double, double, const geo::Color&, const geo::Color&,
              double) override {}
    void image(const std::vector<std::uint32_t>&, int, int, double, double, double,
               double) override {}
    void push_clip(double, double, double, double) override {}
    void pop_clip() override {}
    std::string finish() override { return {}; }
};

}  // namespace conflictmap::render::detail
