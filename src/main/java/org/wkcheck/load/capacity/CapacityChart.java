package org.wkcheck.load.capacity;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The picture of a capacity search (JFreeChart, PNG and SVG): p50, p95 and p99 latency and the
 * error share of every step against the throughput it achieved, the objectives as lines, each
 * step's verdict as its marker (filled green: pass, red: fail, grey square: invalid), and the found
 * capacity as a vertical line.
 */
public final class CapacityChart {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 600;

  private CapacityChart() {}

  /** Writes {@code capacity.png} and {@code capacity.svg} into {@code dir}. */
  public static void write(
      Path dir,
      String title,
      List<CapacityRun.Step> steps,
      StepResult.Objectives objectives,
      double capacityRequestsPerSecond)
      throws IOException {
    JFreeChart chart = chart(title, steps, objectives, capacityRequestsPerSecond);
    ChartUtils.saveChartAsPNG(dir.resolve("capacity.png").toFile(), chart, WIDTH, HEIGHT);
    SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
    chart.draw(svg, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
    Files.writeString(dir.resolve("capacity.svg"), svg.getSVGDocument(), StandardCharsets.UTF_8);
  }

  static JFreeChart chart(
      String title,
      List<CapacityRun.Step> steps,
      StepResult.Objectives objectives,
      double capacityRequestsPerSecond) {
    List<CapacityRun.Step> sorted =
        steps.stream()
            .sorted(Comparator.comparingDouble(s -> s.result().requestsPerSecond()))
            .toList();
    XYSeries p50 = new XYSeries("p50", false);
    XYSeries p95 = new XYSeries("p95", false);
    XYSeries p99 = new XYSeries("p99", false);
    XYSeries errors = new XYSeries("errors %", false);
    for (CapacityRun.Step s : sorted) {
      StepResult r = s.result();
      double x = r.requestsPerSecond();
      p50.add(x, r.p50());
      p95.add(x, r.p95());
      p99.add(x, r.p99());
      errors.add(x, r.errorPercent());
    }
    XYSeriesCollection latency = new XYSeriesCollection();
    latency.addSeries(p50);
    latency.addSeries(p95);
    latency.addSeries(p99);
    NumberAxis x = new NumberAxis("achieved throughput (requests/s)");
    NumberAxis ms = new NumberAxis("response time (ms)");
    XYPlot plot = new XYPlot(latency, x, ms, new VerdictRenderer(sorted));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    NumberAxis pct = new NumberAxis("failed requests (%)");
    pct.setRange(0, Math.max(5, errors.getMaxY() * 1.2));
    plot.setRangeAxis(1, pct);
    plot.setDataset(1, new XYSeriesCollection(errors));
    plot.mapDatasetToRangeAxis(1, 1);
    XYLineAndShapeRenderer err = new XYLineAndShapeRenderer(true, true);
    err.setSeriesPaint(0, new Color(0x99, 0x66, 0x00));
    err.setSeriesStroke(
        0,
        new BasicStroke(
            1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1, new float[] {4, 4}, 0));
    plot.setRenderer(1, err);
    plot.addRangeMarker(
        line(
            objectives.p95Ms(),
            "p95 objective " + objectives.p95Ms() + " ms",
            new Color(0x1f, 0x77, 0xb4)));
    plot.addRangeMarker(
        line(
            objectives.p99Ms(),
            "p99 objective " + objectives.p99Ms() + " ms",
            new Color(0xd6, 0x27, 0x28)));
    if (capacityRequestsPerSecond > 0) {
      ValueMarker cap =
          line(
              capacityRequestsPerSecond,
              String.format(
                  java.util.Locale.ROOT, "capacity %.0f req/s", capacityRequestsPerSecond),
              Color.DARK_GRAY);
      cap.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      cap.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
      plot.addDomainMarker(cap);
    }
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static ValueMarker line(double at, String label, Color color) {
    ValueMarker m = new ValueMarker(at, color, new BasicStroke(1.2f));
    m.setLabel(label);
    m.setLabelPaint(color);
    m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    return m;
  }

  /** Lines per percentile; each point's marker says the step's verdict. */
  private static final class VerdictRenderer extends XYLineAndShapeRenderer {
    private static final long serialVersionUID = 1L;
    private static final Shape DOT = new Ellipse2D.Double(-4, -4, 8, 8);
    private static final Shape SQUARE = new Rectangle2D.Double(-4, -4, 8, 8);
    private final transient List<CapacityRun.Step> steps;

    VerdictRenderer(List<CapacityRun.Step> steps) {
      super(true, true);
      this.steps = steps;
      setSeriesPaint(0, new Color(0x2c, 0xa0, 0x2c));
      setSeriesPaint(1, new Color(0x1f, 0x77, 0xb4));
      setSeriesPaint(2, new Color(0xd6, 0x27, 0x28));
      setUseFillPaint(true);
      setUseOutlinePaint(true);
    }

    @Override
    public Shape getItemShape(int series, int item) {
      return steps.get(item).result().verdict() == Verdict.INVALID ? SQUARE : DOT;
    }

    @Override
    public Paint getItemFillPaint(int series, int item) {
      return switch (steps.get(item).result().verdict()) {
        case PASS -> new Color(0x2c, 0xa0, 0x2c);
        case FAIL -> new Color(0xd6, 0x27, 0x28);
        case INVALID -> Color.GRAY;
      };
    }

    @Override
    public Paint getItemOutlinePaint(int series, int item) {
      return getSeriesPaint(series);
    }
  }
}
