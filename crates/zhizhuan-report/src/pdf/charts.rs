//! Charts as vector graphics: radar of domains, bars per dimension, scenario × level grid and
//! the roadmap timeline. Every chart is a [`Flow`], so the row-based ones (bars, grid,
//! timeline) split across pages like tables, repeating their column header.

use zhizhuan_core::decimal::Decimal;

use crate::error::RenderWarning;
use crate::labels::Labels;
use crate::model::{
    BarChart, Chart, LevelGrid, LevelRow, RadarChart, Timeline, TimelineAction, TimelinePhase,
};

use super::layout::{
    BODY_W, Color, Flow, Fragment, Item, MARGIN_X, Typesetter, baseline, palette as pal, text,
};

const LABEL_SIZE: f32 = 8.5;
const LABEL_LH: f32 = 12.0;

/// Colours of series 1, 2, …: current is blue, target orange.
const SERIES: [Color; 4] = [pal::PRIMARY, pal::TARGET, pal::GOOD, pal::PHASES[3]];

pub fn chart(
    ty: &Typesetter,
    l: &Labels,
    chart: &Chart,
    at: &str,
    warnings: &mut Vec<RenderWarning>,
) -> Flow {
    match chart {
        Chart::Radar(r) => radar(ty, l, r, at, warnings),
        Chart::Bars(b) => bars(ty, b, at, warnings),
        Chart::LevelGrid(g) => level_grid(ty, l, g),
        Chart::Timeline(t) => timeline(ty, l, t),
    }
}

fn to_f32(d: Decimal) -> f32 {
    d.units() as f32 / 10_000.0
}

/// Mixes `c` with white; `t` = 0 keeps the colour, 1 gives white.
pub(super) fn tint(c: Color, t: f32) -> Color {
    let m = |v: u8| (f32::from(v) + (255.0 - f32::from(v)) * t).round() as u8;
    Color(m(c.0), m(c.1), m(c.2))
}

/// Chart title and an optional legend line, kept with the chart's first row.
fn title_fragment(ty: &Typesetter, title: &str, legend: &[(Color, String)]) -> Fragment {
    let mut frag = Fragment::default();
    for line in ty.wrap(title, BODY_W, 10.0, true) {
        frag.items.push(text(
            MARGIN_X,
            frag.h + baseline(16.0, 10.0),
            10.0,
            true,
            pal::TEXT,
            line,
        ));
        frag.h += 16.0;
    }
    if !legend.is_empty() {
        let mut x = MARGIN_X;
        let y = frag.h + 2.0;
        for (color, name) in legend {
            let w = ty.width(name, LABEL_SIZE, false);
            if x + 14.0 + w > MARGIN_X + BODY_W {
                break;
            }
            frag.items
                .push(Item::fill_rect(x, y + 2.5, 9.0, 7.0, *color));
            frag.items.push(text(
                x + 13.0,
                y + baseline(LABEL_LH, LABEL_SIZE),
                LABEL_SIZE,
                false,
                pal::MUTED,
                name.clone(),
            ));
            x += 13.0 + w + 16.0;
        }
        frag.h += LABEL_LH + 4.0;
    }
    frag.h += 4.0;
    frag
}

fn clamp_value(v: Decimal, max: Decimal, at: &str, warnings: &mut Vec<RenderWarning>) -> f32 {
    if v < Decimal::ZERO || v > max {
        warnings.push(RenderWarning::ValueClamped {
            location: at.to_string(),
            value: v.to_string(),
        });
    }
    let maxf = to_f32(max);
    if maxf <= 0.0 {
        return 0.0;
    }
    (to_f32(v) / maxf).clamp(0.0, 1.0)
}

// ---------------------------------------------------------------------------------------------

fn radar(
    ty: &Typesetter,
    l: &Labels,
    r: &RadarChart,
    at: &str,
    warnings: &mut Vec<RenderWarning>,
) -> Flow {
    let legend: Vec<(Color, String)> = r
        .series
        .iter()
        .zip(SERIES.iter().cycle())
        .map(|(s, c)| (*c, s.name.clone()))
        .collect();
    let mut flow = Flow {
        lead: Some(title_fragment(ty, &r.title, &legend)),
        ..Flow::default()
    };
    if r.axes.len() < 3 {
        warnings.push(RenderWarning::ChartFallback {
            location: at.to_string(),
            reason: l.chart_needs_three_axes.to_string(),
        });
        flow.parts.extend(radar_as_lines(ty, r));
        return flow;
    }
    flow.parts.push(radar_figure(ty, r, at, warnings));
    flow
}

/// A radar with fewer than three axes cannot be drawn: still show the numbers, one line per
/// axis.
fn radar_as_lines(ty: &Typesetter, r: &RadarChart) -> Vec<Fragment> {
    let mut parts = Vec::new();
    for (i, axis) in r.axes.iter().enumerate() {
        let values: Vec<String> = r
            .series
            .iter()
            .map(|s| {
                let v = s.values.get(i).copied().unwrap_or(Decimal::ZERO);
                format!("{} {}", s.name, v)
            })
            .collect();
        let line = format!("{axis}：{}", values.join(" / "));
        for w in ty.wrap(&line, BODY_W, 9.0, false) {
            parts.push(Fragment {
                h: 14.0,
                items: vec![text(
                    MARGIN_X,
                    baseline(14.0, 9.0),
                    9.0,
                    false,
                    pal::TEXT,
                    w,
                )],
            });
        }
    }
    parts
}

/// Where the radar sits: its centre, its radius and the number of axes (spokes).
struct RadarGeometry {
    cx: f32,
    cy: f32,
    radius: f32,
    n: usize,
}

impl RadarGeometry {
    /// The angle of spoke `i`, the first pointing up.
    fn angle(&self, i: usize) -> f32 {
        -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::TAU / self.n as f32
    }

    /// The point at fraction `f` of the radius along spoke `i`.
    fn point(&self, i: usize, f: f32) -> (f32, f32) {
        let a = self.angle(i);
        (
            self.cx + self.radius * f * a.cos(),
            self.cy + self.radius * f * a.sin(),
        )
    }
}

/// The drawn radar (three axes or more): fills, grid, scale, outlines and axis labels.
fn radar_figure(
    ty: &Typesetter,
    r: &RadarChart,
    at: &str,
    warnings: &mut Vec<RenderWarning>,
) -> Fragment {
    let h = 270.0;
    let geo = RadarGeometry {
        cx: MARGIN_X + BODY_W / 2.0,
        cy: h / 2.0,
        radius: 92.0,
        n: r.axes.len(),
    };
    let mut items = Vec::new();
    let shapes = radar_shapes(r, &geo, at, warnings);
    // Series fills, last series first so the current state sits on top of the target.
    for (color, pts) in shapes.iter().rev() {
        items.push(Item::Path {
            points: pts.clone(),
            closed: true,
            fill: Some(tint(*color, 0.78)),
            stroke: None,
            dashed: false,
        });
    }
    radar_grid(&geo, &mut items);
    radar_scale(&geo, r.max, &mut items);
    // Outlines and markers.
    for (color, pts) in &shapes {
        items.push(Item::Path {
            points: pts.clone(),
            closed: true,
            fill: None,
            stroke: Some((*color, 1.6)),
            dashed: false,
        });
        for (x, y) in pts {
            items.push(Item::fill_rect(x - 2.0, y - 2.0, 4.0, 4.0, *color));
        }
    }
    radar_axis_labels(ty, r, &geo, &mut items);
    Fragment { h, items }
}

/// Each series' colour and polygon, its values clamped to the chart's maximum (with a warning
/// for a value out of range).
fn radar_shapes(
    r: &RadarChart,
    geo: &RadarGeometry,
    at: &str,
    warnings: &mut Vec<RenderWarning>,
) -> Vec<(Color, Vec<(f32, f32)>)> {
    let mut shapes = Vec::new();
    for (si, s) in r.series.iter().enumerate() {
        let pts: Vec<(f32, f32)> = (0..geo.n)
            .map(|i| {
                let v = s.values.get(i).copied().unwrap_or(Decimal::ZERO);
                geo.point(
                    i,
                    clamp_value(v, r.max, &format!("{at}.series[{si}][{i}]"), warnings),
                )
            })
            .collect();
        shapes.push((SERIES[si % SERIES.len()], pts));
    }
    shapes
}

/// Grid rings and spokes, drawn over the fills so the scale stays readable.
fn radar_grid(geo: &RadarGeometry, items: &mut Vec<Item>) {
    for ring in 1..=5 {
        let f = ring as f32 / 5.0;
        items.push(Item::Path {
            points: (0..geo.n).map(|i| geo.point(i, f)).collect(),
            closed: true,
            fill: None,
            stroke: Some((if ring == 5 { pal::RULE } else { pal::GRID }, 0.6)),
            dashed: false,
        });
    }
    for i in 0..geo.n {
        let (x, y) = geo.point(i, 1.0);
        items.push(Item::line(geo.cx, geo.cy, x, y, pal::GRID, 0.6));
    }
}

/// The scale (values of rings 1, 3 and 5) along the first (upward) spoke.
fn radar_scale(geo: &RadarGeometry, max: Decimal, items: &mut Vec<Item>) {
    let maxf = to_f32(max);
    for ring in [1, 3, 5] {
        let f = ring as f32 / 5.0;
        let (x, y) = geo.point(0, f);
        let v = maxf * f;
        let label = if (v - v.round()).abs() < 0.05 {
            format!("{}", v.round() as i64)
        } else {
            format!("{v:.1}")
        };
        items.push(text(x + 3.0, y + 3.0, 6.5, false, pal::MUTED, label));
    }
}

/// Axis labels beyond the spokes' ends, anchored away from the centre.
fn radar_axis_labels(ty: &Typesetter, r: &RadarChart, geo: &RadarGeometry, items: &mut Vec<Item>) {
    for (i, axis) in r.axes.iter().enumerate() {
        let a = geo.angle(i);
        let (ax, ay) = (
            geo.cx + (geo.radius + 10.0) * a.cos(),
            geo.cy + (geo.radius + 10.0) * a.sin(),
        );
        let lines = ty.wrap(axis, 96.0, LABEL_SIZE, false);
        let block_h = lines.len() as f32 * LABEL_LH;
        let top = if a.sin() > 0.35 {
            ay
        } else if a.sin() < -0.35 {
            ay - block_h
        } else {
            ay - block_h / 2.0
        };
        for (k, line) in lines.into_iter().enumerate() {
            let w = ty.width(&line, LABEL_SIZE, false);
            let x = if a.cos() > 0.25 {
                ax
            } else if a.cos() < -0.25 {
                ax - w
            } else {
                ax - w / 2.0
            };
            items.push(text(
                x,
                top + k as f32 * LABEL_LH + baseline(LABEL_LH, LABEL_SIZE),
                LABEL_SIZE,
                false,
                pal::TEXT,
                line,
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------

fn bars(ty: &Typesetter, b: &BarChart, at: &str, warnings: &mut Vec<RenderWarning>) -> Flow {
    let mut legend = vec![(pal::PRIMARY, b.value_label.clone())];
    if let Some(t) = &b.target_label {
        legend.push((pal::TARGET, t.clone()));
    }
    let mut flow = Flow {
        lead: Some(title_fragment(ty, &b.title, &legend)),
        ..Flow::default()
    };
    let label_w = BODY_W * 0.3;
    let value_w = 78.0;
    let track_x = MARGIN_X + label_w;
    let track_w = BODY_W - label_w - value_w;
    for (i, bar) in b.bars.iter().enumerate() {
        let lines = ty.wrap(&bar.label, label_w - 8.0, LABEL_SIZE, false);
        let h = (lines.len() as f32 * LABEL_LH).max(14.0) + 4.0;
        let mut items = Vec::new();
        let top = (h - lines.len() as f32 * LABEL_LH) / 2.0;
        for (k, line) in lines.into_iter().enumerate() {
            items.push(text(
                MARGIN_X,
                top + k as f32 * LABEL_LH + baseline(LABEL_LH, LABEL_SIZE),
                LABEL_SIZE,
                false,
                pal::TEXT,
                line,
            ));
        }
        let bar_h = 10.0;
        let by = (h - bar_h) / 2.0;
        items.push(Item::fill_rect(track_x, by, track_w, bar_h, pal::GRID));
        let f = clamp_value(bar.value, bar.max, &format!("{at}.bars[{i}]"), warnings);
        if f > 0.0 {
            items.push(Item::fill_rect(
                track_x,
                by,
                track_w * f,
                bar_h,
                pal::PRIMARY,
            ));
        }
        if let Some(t) = bar.target {
            let tf = clamp_value(t, bar.max, &format!("{at}.bars[{i}].target"), warnings);
            let tx = track_x + track_w * tf;
            items.push(Item::fill_rect(
                tx - 1.2,
                by - 3.0,
                2.4,
                bar_h + 6.0,
                pal::TARGET,
            ));
        }
        let value = format!("{} / {} {}", bar.value, bar.max, b.unit);
        items.push(text(
            track_x + track_w + 8.0,
            baseline(h, LABEL_SIZE),
            LABEL_SIZE,
            false,
            pal::TEXT,
            ty.truncate(value.trim_end(), value_w - 8.0, LABEL_SIZE, false),
        ));
        flow.parts.push(Fragment { h, items });
    }
    flow
}

// ---------------------------------------------------------------------------------------------

fn level_grid(ty: &Typesetter, l: &Labels, g: &LevelGrid) -> Flow {
    let legend = vec![
        (pal::PRIMARY, l.legend_current.to_string()),
        (pal::TARGET, l.legend_target.to_string()),
    ];
    let mut flow = Flow {
        lead: Some(title_fragment(ty, &g.title, &legend)),
        ..Flow::default()
    };
    let n = g.levels.len().max(1);
    let label_w = BODY_W * 0.34;
    let cols = GridColumns {
        n,
        label_w,
        cell_w: (BODY_W - label_w) / n as f32,
    };
    flow.header = Some(level_grid_header(ty, g, &cols));
    for row in &g.rows {
        flow.parts.push(level_grid_row(ty, l, g, row, &cols));
    }
    flow
}

/// The columns of the level grid: the label column, then one cell per level.
struct GridColumns {
    /// The number of level columns (at least 1).
    n: usize,
    label_w: f32,
    cell_w: f32,
}

impl GridColumns {
    /// The left edge of level column `k`.
    fn x(&self, k: usize) -> f32 {
        MARGIN_X + self.label_w + k as f32 * self.cell_w
    }
}

/// The grid's column header: the level names, centred over their cells.
fn level_grid_header(ty: &Typesetter, g: &LevelGrid, cols: &GridColumns) -> Fragment {
    let mut header = Fragment {
        h: 18.0,
        items: vec![Item::fill_rect(
            MARGIN_X,
            0.0,
            BODY_W,
            18.0,
            pal::PRIMARY_LIGHT,
        )],
    };
    for (k, level) in g.levels.iter().enumerate() {
        let s = ty.truncate(level, cols.cell_w - 6.0, LABEL_SIZE, true);
        let w = ty.width(&s, LABEL_SIZE, true);
        header.items.push(text(
            cols.x(k) + (cols.cell_w - w) / 2.0,
            baseline(18.0, LABEL_SIZE),
            LABEL_SIZE,
            true,
            pal::PRIMARY,
            s,
        ));
    }
    header
}

/// One scenario's row: its label, a cell per level and, below the first level, a note.
fn level_grid_row(
    ty: &Typesetter,
    l: &Labels,
    g: &LevelGrid,
    row: &LevelRow,
    cols: &GridColumns,
) -> Fragment {
    let lines = ty.wrap(&row.label, cols.label_w - 10.0, LABEL_SIZE, false);
    let h = (lines.len() as f32 * LABEL_LH).max(14.0) + 6.0;
    let mut items = Vec::new();
    let top = (h - lines.len() as f32 * LABEL_LH) / 2.0;
    for (k, line) in lines.into_iter().enumerate() {
        items.push(text(
            MARGIN_X + 4.0,
            top + k as f32 * LABEL_LH + baseline(LABEL_LH, LABEL_SIZE),
            LABEL_SIZE,
            false,
            pal::TEXT,
            line,
        ));
    }
    let current = row.current.map_or(0, usize::from).min(cols.n);
    let target = row.target.map_or(0, usize::from).min(cols.n);
    for k in 0..g.levels.len() {
        items.extend(level_cell(ty, l, cols, k, current, target, h));
    }
    if current == 0 && !g.levels.is_empty() {
        let s = ty.truncate(l.below_first_level, cols.cell_w - 8.0, 7.0, false);
        let tw = ty.width(&s, 7.0, false);
        let x = cols.x(0) + (cols.cell_w - tw) / 2.0;
        if target != 1 {
            items.push(text(x, baseline(h, 7.0), 7.0, false, pal::MUTED, s));
        }
    }
    items.push(Item::line(
        MARGIN_X,
        h,
        MARGIN_X + BODY_W,
        h,
        pal::GRID,
        0.4,
    ));
    Fragment { h, items }
}

/// The cell of level column `k` in a row `h` high: filled up to the current level, tinted up
/// to the target, outlined at the target and marked at the current level and the target.
fn level_cell(
    ty: &Typesetter,
    l: &Labels,
    cols: &GridColumns,
    k: usize,
    current: usize,
    target: usize,
    h: f32,
) -> Vec<Item> {
    let mut items = Vec::new();
    let level = k + 1;
    let (x, y, w, ch) = (cols.x(k) + 1.5, 3.0, cols.cell_w - 3.0, h - 6.0);
    let fill = if level == current {
        pal::PRIMARY
    } else if level < current {
        tint(pal::PRIMARY, 0.7)
    } else if level <= target {
        pal::TARGET_LIGHT
    } else {
        pal::ZEBRA
    };
    let stroke = (level == target).then_some((pal::TARGET, 1.4));
    items.push(Item::Rect {
        x,
        y,
        w,
        h: ch,
        fill: Some(fill),
        stroke,
    });
    let mark = if level == current {
        Some((l.legend_current, pal::WHITE))
    } else if level == target {
        Some((l.legend_target, pal::TARGET))
    } else {
        None
    };
    if let Some((s, color)) = mark {
        let s = ty.truncate(s, w - 4.0, 7.5, true);
        let tw = ty.width(&s, 7.5, true);
        items.push(text(
            x + (w - tw) / 2.0,
            baseline(h, 7.5),
            7.5,
            true,
            color,
            s,
        ));
    }
    items
}

// ---------------------------------------------------------------------------------------------

fn timeline(ty: &Typesetter, l: &Labels, t: &Timeline) -> Flow {
    let legend: Vec<(Color, String)> = t
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| (pal::PHASES[i % pal::PHASES.len()], p.name.clone()))
        .collect();
    let mut flow = Flow {
        lead: Some(title_fragment(ty, &t.title, &legend)),
        ..Flow::default()
    };
    let scale = MonthScale::new(timeline_months(t));
    flow.header = Some(timeline_header(ty, l, &scale));
    for (pi, phase) in t.phases.iter().enumerate() {
        let color = pal::PHASES[pi % pal::PHASES.len()];
        flow.parts
            .push(timeline_phase_row(ty, phase, color, &scale));
        if phase.actions.is_empty() {
            // The phase keeps its row (the plan's phases and the axis stay whole), and says it
            // is empty so a reader does not take the missing bars for a fault.
            let (h, mut items) = timeline_label_row(ty, &scale, l.no_actions_in_phase, pal::MUTED);
            items.push(Item::line(
                MARGIN_X,
                h,
                MARGIN_X + BODY_W,
                h,
                pal::GRID,
                0.3,
            ));
            flow.parts.push(Fragment { h, items });
        }
        for action in &phase.actions {
            flow.parts
                .push(timeline_action_row(ty, action, color, &scale));
        }
    }
    flow
}

/// The month after the last one of a span starting at month `s` and lasting `d` months (at
/// least one).
fn end_month(s: u16, d: u16) -> u32 {
    u32::from(s) + u32::from(d.max(1))
}

/// The months the timeline covers: to the last end of a phase or action, 3 to 240 (12 if
/// there is nothing).
fn timeline_months(t: &Timeline) -> u32 {
    t.phases
        .iter()
        .flat_map(|p| {
            std::iter::once(end_month(p.start_month, p.duration_months)).chain(
                p.actions
                    .iter()
                    .map(|a| end_month(a.start_month, a.duration_months)),
            )
        })
        .max()
        .unwrap_or(12)
        .clamp(3, 240)
}

/// The timeline's horizontal layout: a label column, then the months, with a grid line and a
/// month label every `step` months.
struct MonthScale {
    months: u32,
    label_w: f32,
    area_x: f32,
    month_w: f32,
    step: u32,
}

impl MonthScale {
    /// The layout for a timeline of `months` months.
    fn new(months: u32) -> MonthScale {
        let label_w = BODY_W * 0.36;
        let area_x = MARGIN_X + label_w;
        let area_w = BODY_W - label_w;
        let month_w = area_w / months as f32;
        let step = match months {
            0..=12 => 1,
            13..=24 => 3,
            25..=60 => 6,
            _ => 12,
        };
        MonthScale {
            months,
            label_w,
            area_x,
            month_w,
            step,
        }
    }

    /// The x of the start of month `m`.
    fn x(&self, m: u32) -> f32 {
        self.area_x + m as f32 * self.month_w
    }

    /// The vertical grid lines of a row `h` high.
    fn grid(&self, items: &mut Vec<Item>, h: f32) {
        let mut m = 0;
        while m <= self.months {
            items.push(Item::line(self.x(m), 0.0, self.x(m), h, pal::GRID, 0.4));
            m += self.step;
        }
    }

    /// The first and the end month of a span, cut to the timeline.
    fn window(&self, start: u16, duration: u16) -> (u32, u32) {
        (
            u32::from(start).min(self.months),
            end_month(start, duration).min(self.months),
        )
    }
}

/// The column header: a month label at the end of every `step` months.
fn timeline_header(ty: &Typesetter, l: &Labels, scale: &MonthScale) -> Fragment {
    let mut header = Fragment {
        h: 18.0,
        items: vec![Item::fill_rect(
            MARGIN_X,
            0.0,
            BODY_W,
            18.0,
            pal::PRIMARY_LIGHT,
        )],
    };
    let mut m = scale.step;
    while m <= scale.months {
        let s = l.month(m);
        let w = ty.width(&s, 7.0, false);
        header.items.push(text(
            scale.x(m) - w - 1.5,
            baseline(18.0, 7.0),
            7.0,
            false,
            pal::PRIMARY,
            s,
        ));
        m += scale.step;
    }
    header
}

/// A phase's row: its name in bold on a pale band and a thin bar over its window.
fn timeline_phase_row(
    ty: &Typesetter,
    phase: &TimelinePhase,
    color: Color,
    scale: &MonthScale,
) -> Fragment {
    let lines = ty.wrap(&phase.name, scale.label_w - 10.0, LABEL_SIZE + 0.5, true);
    let h = lines.len() as f32 * LABEL_LH + 8.0;
    let mut items = vec![Item::fill_rect(MARGIN_X, 0.0, BODY_W, h, pal::PRIMARY_PALE)];
    scale.grid(&mut items, h);
    for (k, line) in lines.into_iter().enumerate() {
        items.push(text(
            MARGIN_X + 4.0,
            4.0 + k as f32 * LABEL_LH + baseline(LABEL_LH, LABEL_SIZE + 0.5),
            LABEL_SIZE + 0.5,
            true,
            color,
            line,
        ));
    }
    let (s, e) = scale.window(phase.start_month, phase.duration_months);
    // An empty phase's window is drawn hollow (outline, pale inside): a full bar would say
    // work is scheduled there.
    let (fill, stroke) = if phase.actions.is_empty() {
        (tint(color, 0.85), Some((color, 0.6)))
    } else {
        (color, None)
    };
    items.push(Item::Rect {
        x: scale.x(s),
        y: h / 2.0 - 2.5,
        w: (scale.x(e) - scale.x(s)).max(2.0),
        h: 5.0,
        fill: Some(fill),
        stroke,
    });
    Fragment { h, items }
}

/// An action's row under its phase: its label and a bar over its window, in the phase's
/// colour.
fn timeline_action_row(
    ty: &Typesetter,
    action: &TimelineAction,
    color: Color,
    scale: &MonthScale,
) -> Fragment {
    let (h, mut items) = timeline_label_row(ty, scale, &action.label, pal::TEXT);
    let (s, e) = scale.window(action.start_month, action.duration_months);
    let bh = 8.0;
    items.push(Item::fill_rect(
        scale.x(s) + 0.5,
        (h - bh) / 2.0,
        (scale.x(e) - scale.x(s) - 1.0).max(2.0),
        bh,
        tint(color, 0.25),
    ));
    items.push(Item::line(
        MARGIN_X,
        h,
        MARGIN_X + BODY_W,
        h,
        pal::GRID,
        0.3,
    ));
    Fragment { h, items }
}

/// An indented row under a phase: its wrapped label and the grid (an action, or the note
/// that the phase has none). Returns the row's height and items.
fn timeline_label_row(
    ty: &Typesetter,
    scale: &MonthScale,
    label: &str,
    color: Color,
) -> (f32, Vec<Item>) {
    let lines = ty.wrap(label, scale.label_w - 16.0, LABEL_SIZE, false);
    let h = lines.len() as f32 * LABEL_LH + 5.0;
    let mut items = Vec::new();
    scale.grid(&mut items, h);
    for (k, line) in lines.into_iter().enumerate() {
        items.push(text(
            MARGIN_X + 12.0,
            2.5 + k as f32 * LABEL_LH + baseline(LABEL_LH, LABEL_SIZE),
            LABEL_SIZE,
            false,
            color,
            line,
        ));
    }
    (h, items)
}
