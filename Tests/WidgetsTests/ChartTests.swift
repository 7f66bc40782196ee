import Canvas
import Foundation
import Testing
import TestSupport
@testable import Widgets

private let capabilityCases: [(String, Capabilities)] = [
    ("256", Capabilities(colorLevel: .indexed256, unicode: true)),
    ("16", Capabilities(colorLevel: .basic16, unicode: true)),
    ("plain", .plain),
]

private func lossAndAccuracy() -> LinePlot {
    let loss: [Double] = (0..<40).map { (i: Int) -> Double in 2.3 * exp(-Double(i) / 10) + 0.05 }
    let test: [(x: Double, y: Double)] = stride(from: 0, to: 40, by: 8).map { (i: Int) -> (x: Double, y: Double) in
        (x: Double(i), y: 2.3 * exp(-Double(i) / 12) + 0.1)
    }
    return LinePlot(series: [PlotSeries(name: "train", values: loss, color: .indexed(75), marker: "*"),
                             PlotSeries(name: "test", points: test, color: .indexed(214), marker: "o")],
                    xLabel: "steps")
}

@Test func linePlotSnapshots() {
    for (name, caps) in capabilityCases {
        var buffer = Buffer(width: 40, height: 10)
        lossAndAccuracy().render(in: buffer.area, into: &buffer, capabilities: caps)
        #expect(Snapshot.verify(Snapshot.describe(buffer), named: "plot-\(name)") == nil, "plot-\(name)")
    }
}

@Test func linePlotPutsTheExtremesOnTheTopAndBottomRows() {
    let plot = LinePlot(series: [PlotSeries(name: "s", values: [0, 10], color: .red, marker: "*")], yRange: 0...10)
    var buffer = Buffer(width: 14, height: 6)
    plot.render(in: buffer.area, into: &buffer, capabilities: .plain)
    let lines = buffer.lines()
    // Rows 1...4 are the plot; the first point is bottom-left, the last top-right.
    #expect(lines[1].hasPrefix("10|") && lines[1].hasSuffix("*"))
    #expect(lines[4].hasPrefix(" 0|*"))
    #expect(lines[5].hasPrefix("   0") && lines[5].hasSuffix("1"))
}

@Test func brailleDotsFollowTheLine() {
    // A flat line at the top of a 1-row canvas lights the top dot of both columns: ⠉ (0x01|0x08).
    let plot = LinePlot(series: [PlotSeries(name: "", values: [1, 1], color: .red, marker: "*")], yRange: 0...1)
    var buffer = Buffer(width: 14, height: 4)
    plot.render(in: buffer.area, into: &buffer, capabilities: Capabilities(colorLevel: .none, unicode: true))
    #expect(buffer.lines()[1].contains("⠉"))
}

@Test func barChartScalesToTheMaximumInEighths() {
    let chart = BarChart(bars: [.init("0", 1), .init("1", 0.5), .init("2", 0.0625)], maximum: 1, highlighted: 0)
    var buffer = Buffer(width: 15, height: 3)
    chart.render(in: buffer.area, into: &buffer, capabilities: Capabilities(colorLevel: .indexed256, unicode: true))
    // Bar width = 15 - 1 (label) - 4 (value) - 3 = 7 cells = 56 eighths.
    #expect(buffer.lines() == ["0 │███████ 1.00", "1 │███▌    0.50", "2 │▌       0.06"])
    #expect(buffer[0, 0].style.attributes.contains(.bold))
    for (name, caps) in capabilityCases {
        var b = Buffer(width: 30, height: 3)
        chart.render(in: b.area, into: &b, capabilities: caps)
        #expect(Snapshot.verify(Snapshot.describe(b), named: "bars-\(name)") == nil, "bars-\(name)")
    }
}

@Test func progressBarShowsPercentLabelAndETA() {
    let bar = ProgressBar(fraction: 0.5, label: "epoch 1/2", secondsRemaining: 75)
    #expect(bar.caption == "50%  epoch 1/2  ETA 1:15")
    var buffer = Buffer(width: 40, height: 1)
    bar.render(in: buffer.area, into: &buffer, capabilities: .plain)
    #expect(buffer.lines() == ["[######------]  50%  epoch 1/2  ETA 1:15"])
    #expect(ProgressBar.eta(done: 25, total: 100, elapsed: 5) == 15)
    #expect(ProgressBar.eta(done: 0, total: 100, elapsed: 5) == nil)
    for (name, caps) in capabilityCases {
        var b = Buffer(width: 40, height: 1)
        ProgressBar(fraction: 0.4375, label: "epoch 1/2", secondsRemaining: 3661).render(in: b.area, into: &b, capabilities: caps)
        #expect(Snapshot.verify(Snapshot.describe(b), named: "progress-\(name)") == nil, "progress-\(name)")
    }
}

@Test func tableFitsCellsAndKeepsTheSelectionInView() {
    let rows = (0..<6).map { ["class \($0)", "\($0 * 10)"] }
    let table = Table(columns: [.init("name", width: 6), .init("n", width: 3, alignment: .right)], rows: rows, selectedRow: 5)
    var buffer = Buffer(width: 10, height: 3)
    table.render(in: buffer.area, into: &buffer, capabilities: .plain)
    #expect(buffer.lines() == ["name     n", "class>  40", "class>  50"])
    #expect(buffer[0, 2].style == Capabilities.plain.theme.selection)
}

@Test func confusionMatrixViewShowsCountsAndMetrics() {
    let counts = [[5, 1, 0], [0, 7, 2], [1, 0, 9]]
    let view = ConfusionMatrixView(counts: counts, precision: [5.0 / 6, 7.0 / 8, 9.0 / 11], recall: [5.0 / 6, 7.0 / 9, 0.9], selected: (1, 2))
    for (name, caps) in capabilityCases {
        var b = Buffer(width: view.size.width, height: view.size.height)
        view.render(in: b.area, into: &b, capabilities: caps)
        if name == "plain" {
            #expect(b.lines() == ["a\\p   0  1  2  prec  rec",
                                  " 0    5  1  .  0.83  0.83",
                                  " 1    .  7  2  0.88  0.78",
                                  " 2    1  .  9  0.82  0.90"])
            #expect(b[10, 2].style.attributes.contains(.reverse))
        }
        #expect(Snapshot.verify(Snapshot.describe(b), named: "confusion-\(name)") == nil, "confusion-\(name)")
    }
}
