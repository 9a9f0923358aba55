//! Hand-written inline SVG bar charts for the HTML bulletin: no script, no external resource,
//! printable. Every text is escaped here; callers pass plain text.

use std::fmt::Write;

/// One bar: its label, its value, and the text shown beside it.
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
}

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 190.0;
const TEXT_WIDTH: f64 = 120.0;
const ROW: f64 = 26.0;
const TOP: f64 = 8.0;

/// Rough width of a label in pixels at 13px: CJK characters are square, others about half.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 7.0 } else { 13.0 })
        .sum()
}

/// Shorten a label that would not fit the label column.
fn fit(label: &str) -> String {
    if text_width(label) <= LABEL_WIDTH - 12.0 {
        return label.to_owned();
    }
    let mut out = String::new();
    for c in label.chars() {
        if text_width(&out) + text_width(&c.to_string()) > LABEL_WIDTH - 26.0 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn open(svg: &mut String, title: &str, rows: usize) -> f64 {
    let height = TOP * 2.0 + ROW * rows.max(1) as f64;
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" aria-label="{}"><title>{}</title>"#,
        escape(title),
        escape(title)
    );
    height
}

fn label(svg: &mut String, row: usize, text: &str) {
    let y = TOP + ROW * row as f64 + ROW / 2.0;
    let _ = write!(
        svg,
        r#"<text x="{}" y="{y}" text-anchor="end" dominant-baseline="central" class="label">{}<title>{}</title></text>"#,
        LABEL_WIDTH - 8.0,
        escape(&fit(text)),
        escape(text)
    );
}

/// Horizontal bars from zero, scaled to the largest value.
pub fn bar_chart(title: &str, bars: &[Bar], color: &str) -> String {
    let mut svg = String::new();
    open(&mut svg, title, bars.len());
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let span = WIDTH - LABEL_WIDTH - TEXT_WIDTH;
    for (row, bar) in bars.iter().enumerate() {
        label(&mut svg, row, &bar.label);
        let width = if max > 0.0 {
            (bar.value.max(0.0) / max * span).max(if bar.value > 0.0 { 2.0 } else { 0.0 })
        } else {
            0.0
        };
        let y = TOP + ROW * row as f64 + 4.0;
        let _ = write!(
            svg,
            r#"<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1}" height="{}" fill="{color}"/><text x="{:.1}" y="{}" dominant-baseline="central" class="value">{}</text>"#,
            ROW - 8.0,
            LABEL_WIDTH + width + 6.0,
            y + (ROW - 8.0) / 2.0,
            escape(&bar.text)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Bars either side of a zero line: reductions to the right in `good`, growths to the left in
/// `bad`. A bar with no value (nothing before) is drawn as its text alone.
pub fn diverging_chart(
    title: &str,
    bars: &[(String, Option<f64>, String)],
    good: &str,
    bad: &str,
) -> String {
    let mut svg = String::new();
    let height = open(&mut svg, title, bars.len());
    let max = bars
        .iter()
        .filter_map(|b| b.1)
        .map(f64::abs)
        .fold(1.0_f64, f64::max);
    let half = (WIDTH - LABEL_WIDTH - 20.0) / 2.0;
    let zero = LABEL_WIDTH + half;
    let scale = (half - TEXT_WIDTH / 2.0) / max;
    let _ = write!(
        svg,
        r##"<line x1="{zero}" y1="{TOP}" x2="{zero}" y2="{}" stroke="#555" stroke-width="1"/>"##,
        height - TOP
    );
    for (row, (name, value, text)) in bars.iter().enumerate() {
        label(&mut svg, row, name);
        let y = TOP + ROW * row as f64 + 4.0;
        let mid = y + (ROW - 8.0) / 2.0;
        let value = value.unwrap_or(0.0);
        let width = (value.abs() * scale).max(if value != 0.0 { 2.0 } else { 0.0 });
        let (x, fill, text_x, anchor) = if value >= 0.0 {
            (zero, good, zero + width + 6.0, "start")
        } else {
            (zero - width, bad, zero - width - 6.0, "end")
        };
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="{y}" width="{width:.1}" height="{}" fill="{fill}"/><text x="{text_x:.1}" y="{mid}" text-anchor="{anchor}" dominant-baseline="central" class="value">{}</text>"#,
            ROW - 8.0,
            escape(text)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Escape text for SVG and HTML content and attribute values (the page embeds the charts, so
/// both use this one).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::source::printable(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_texts_are_escaped() {
        let bars = [Bar {
            label: "<script>alert(1)</script>".to_owned(),
            value: 3.0,
            text: "3 & <b>".to_owned(),
        }];
        let svg = bar_chart("a \"title\"", &bars, "#b03a2e");
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("3 &amp; &lt;b&gt;"));
        assert!(svg.contains("aria-label=\"a &quot;title&quot;\""));
    }

    #[test]
    fn bars_scale_to_the_largest() {
        let bars = [
            Bar {
                label: "a".to_owned(),
                value: 10.0,
                text: "10".to_owned(),
            },
            Bar {
                label: "b".to_owned(),
                value: 5.0,
                text: "5".to_owned(),
            },
        ];
        let svg = bar_chart("t", &bars, "red");
        let span = WIDTH - LABEL_WIDTH - TEXT_WIDTH;
        assert!(svg.contains(&format!("width=\"{span:.1}\"")));
        assert!(svg.contains(&format!("width=\"{:.1}\"", span / 2.0)));
    }

    #[test]
    fn long_labels_are_shortened() {
        let long = "科尔沁右翼前旗科尔沁镇人民政府综合行政执法办公室";
        let fitted = fit(long);
        assert!(fitted.ends_with('…'));
        assert!(text_width(&fitted) <= LABEL_WIDTH);
    }
}
