#include "render/map_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>
#include <future>
#include <map>
#include <set>
#include <unordered_map>

#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"
#include "render/detail/painter.hpp"
#include "render/detail/path_builder.hpp"

namespace conflictmap::render {

namespace detail {

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
    std::string out = s;
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    return out;
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
            if (f.kind == FeatureKind::Region || f.kind == FeatureKind::Water)
                m_focus.push_back(&f);
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
                    if (geo::geodesic_distance({m_focus[a]->lon, m_focus[a]->lat},
                                               {m_focus[b]->lon, m_focus[b]->lat}) < 1'000'000) {
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
        const int main =
            static_cast<int>(std::max_element(weight.begin(), weight.end()) - weight.begin());
        if (groups > 1 && total - weight[main] < 0.25 * total) {
            std::vector<const MapFeature*> kept;
            for (std::size_t i = 0; i < n; ++i) {
                if (group[i] == main) {
                    kept.push_back(m_focus[i]);
                } else {
                    m_result.outside.push_back(m_focus[i]->name +
                                               (m_focus[i]->count > 1
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
    m_resolution = m_o.resolution == "auto" ? resolution_for(m_metres_per_px)
                                            : parse_resolution(m_o.resolution);
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
    const bool want_admin1 =
        m_metres_per_px <= m_style.admin1_max_resolution && m_style.admin1.color.visible();
    const bool want_coast = m_style.coast.color.visible();
    const geo::LonLatBox inset_bounds =
        m_show_inset ? inset_view()->lonlat_bounds() : geo::LonLatBox{};
    auto aux = std::async(std::launch::async, [&] {
        if (want_admin1) admin1 = m_basemap.admin1(bounds);
        if (want_coast) land = m_basemap.coast(m_resolution, bounds);
        if (m_show_inset)
            m_inset_countries = m_basemap.countries(Resolution::Coarse110m, inset_bounds);
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
        m_canvas->rect(m_frame.x0, m_frame.y0, m_frame.width(), m_frame.height(), m_style.outside,
                       std::nullopt);
        m_canvas->fill(globe, m_style.water);
    } else {
        m_canvas->rect(m_frame.x0, m_frame.y0, m_frame.width(), m_frame.height(), m_style.water,
                       std::nullopt);
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
            for (std::size_t a = 0, b = n - 1; a < n; b = a++)
                area += q[2 * b] * q[2 * a + 1] - q[2 * a] * q[2 * b + 1];
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
        std::vector<double> ring(p.xy.begin() + 2 * best_at,
                                 p.xy.begin() + 2 * (best_at + p.counts[best]));
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
    const int gw = static_cast<int>(std::ceil(m_frame.width() / cell)),
              gh = static_cast<int>(std::ceil(m_frame.height() / cell));
    std::vector<float> grid(static_cast<std::size_t>(gw) * gh, 0);
    const double sigma = u(m_style.heat_radius) / 2 / cell;
    const int reach = static_cast<int>(std::ceil(3 * sigma));
    for (const auto& f : m_data.features) {
        if (f.kind != FeatureKind::Place && f.kind != FeatureKind::Event) continue;
        const XY d = m_view->device({f.lon, f.lat});
        if (std::isnan(d.x)) continue;
        const double gx = d.x / cell, gy = d.y / cell;
        for (int y = std::max(0, static_cast<int>(gy) - reach);
             y < std::min(gh, static_cast<int>(gy) + reach + 1); ++y)
            for (int x = std::max(0, static_cast<int>(gx) - reach);
                 x < std::min(gw, static_cast<int>(gx) + reach + 1); ++x) {
                const double dx = x + 0.5 - gx, dy = y + 0.5 - gy;
                grid[static_cast<std::size_t>(y) * gw + x] += static_cast<float>(
                    f.count * std::exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)));
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
        argb[i] = (static_cast<std::uint32_t>(std::lround(alpha * 255)) << 24) |
                  (ch(c0.r, c1.r) << 16) | (ch(c0.g, c1.g) << 8) | ch(c0.b, c1.b);
    }
    m_canvas->begin_group("heatmap");
    m_canvas->image(argb, gw, gh, m_frame.x0, m_frame.y0, gw * cell, gh * cell);
    m_canvas->end_group();
    m_legend.push_back({LegendEntry::Kind::Ramp, "Density of mentions", {}, 0});
}

// ----------------------------------------------------------------- symbols

void Painter::make_symbols() {
    auto radius_of = [&](FeatureKind kind, int count) {
        const double base =
            kind == FeatureKind::Event ? m_style.event_radius : m_style.place_min_radius;
        // Area grows with the count: radius with its square root.
        return u(std::min(m_style.place_max_radius, base * std::sqrt(static_cast<double>(count))));
    };
    // A place where an event happened is shown by the event.
    std::set<std::pair<long long, long long>> event_at;
    for (const auto& f : m_data.features)
        if (f.kind == FeatureKind::Event)
            event_at.emplace(std::llround(f.lon * 1e4), std::llround(f.lat * 1e4));
    for (const auto& f : m_data.features) {
        if (f.kind != FeatureKind::Place && f.kind != FeatureKind::Event) continue;
        if (f.kind == FeatureKind::Place &&
            event_at.count({std::llround(f.lon * 1e4), std::llround(f.lat * 1e4)}))
            continue;
        const XY d = m_view->device({f.lon, f.lat});
        if (std::isnan(d.x) || d.x < m_frame.x0 || d.x > m_frame.x1 || d.y < m_frame.y0 ||
            d.y > m_frame.y1)
            continue;
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
    std::stable_sort(m_symbols.begin(), m_symbols.end(),
                     [](const Symbol& a, const Symbol& b) { return a.count > b.count; });
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
    std::stable_sort(order.begin(), order.end(),
                     [](const Symbol* a, const Symbol* b) { return a->r > b->r; });
    for (const Symbol* s : order) {
        if (s->cluster()) {
            // Events of one type keep their colour when clustered.
            const bool one_type = s->kind == FeatureKind::Event && !s->event_type.empty();
            m_canvas->circle(s->x, s->y, s->r,
                             one_type ? m_style.event_color(s->event_type) : m_style.cluster_fill,
                             stroke(m_style.cluster_stroke));
            const ShapedText t = shape(std::to_string(s->members.size()), m_style.cluster_count);
            draw_text(t, s->x - t.width / 2, s->y - t.height / 2, m_style.cluster_count);
        } else if (s->kind == FeatureKind::Event) {
            m_canvas->circle(s->x, s->y, s->r, m_style.event_color(s->event_type),
                             stroke(m_style.event_stroke));
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
    const double capital_min = m_metres_per_px <= 3000    ? 0
                               : m_metres_per_px <= 8000  ? 500'000
                               : m_metres_per_px <= 16000 ? 2'000'000
                                                          : -1;
    // Smaller towns as the map zooms in: the style's minimum at 1 km a
    // pixel, a tenth of it at 100 m.
    const double city_min =
        m_style.city_min_population * std::clamp(m_metres_per_px / 1000, 0.03, 1.0);
    std::set<std::int64_t> shown;
    for (const auto& f : m_data.features) shown.insert(f.id);
    const auto records = m_gazetteer->records();
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        if (r.feature_class != 'P') continue;
        const bool capital = std::strncmp(r.feature_code, "PPLC", sizeof r.feature_code) == 0 &&
                             capital_min >= 0 && static_cast<double>(r.population) >= capital_min;
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
        if (std::isnan(d.x) || d.x < m_frame.x0 || d.x > m_frame.x1 || d.y < m_frame.y0 ||
            d.y > m_frame.y1)
            continue;
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
        if (std::isnan(d.x) ||
            !(d.x > m_frame.x0 && d.x < m_frame.x1 && d.y > m_frame.y0 && d.y < m_frame.y1))
            continue;
        const LabelStyle& l =
            f.kind == FeatureKind::Water ? m_style.water_label : m_style.region_label;
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

}  // namespace detail

MapRenderer::MapRenderer(const Style& style, const Basemap& basemap,
                         const gazetteer::Gazetteer* gazetteer)
    : m_style(style), m_basemap(basemap), m_gazetteer(gazetteer) {}

RenderResult MapRenderer::render(const MapData& data, const MapOptions& options) const {
    detail::Painter p(m_style, m_basemap, m_gazetteer, data, options);
    return p.run();
}

double zoom_resolution(double zoom, double lat) {
    return 2 * M_PI * 6378137.0 / (256 * std::pow(2.0, zoom)) * std::cos(lat * M_PI / 180);
}

}  // namespace conflictmap::render
