import Canvas
import Testing
import TestSupport
@testable import Widgets

/// A 4×5 signed grid with an exact zero, a maximum and a minimum, used by the snapshots.
private let signed: [Float] = [
    -2, -1, 0, 1, 2,
    -1.5, -0.5, 0.5, 1.5, 0,
    0, 0.25, -0.25, 2, -2,
    1, 1, 1, -1, -1,
]

private let capabilityCases: [(String, Capabilities)] = [
    ("256", Capabilities(colorLevel: .indexed256, unicode: true)),
    ("16", Capabilities(colorLevel: .basic16, unicode: true)),
    ("plain", .plain),
]

private func draw(_ heatmap: Heatmap, _ capabilities: Capabilities, legend: Bool = true) -> Buffer {
    let size = heatmap.size(capabilities)
    let legendWidth = legend ? HeatmapLegend(for: heatmap).width(capabilities) : 0
    var buffer = Buffer(width: max(size.width, legendWidth), height: size.height + (legend ? 1 : 0))
    heatmap.render(in: buffer.area, into: &buffer, capabilities: capabilities)
    if legend {
        HeatmapLegend(for: heatmap).render(in: buffer.area.row(size.height), into: &buffer, capabilities: capabilities)
    }
    return buffer
}

@Test func asciiRampMapsTenEvenlySpacedValuesToTheTenCharacters() {
    let heatmap = Heatmap(values: (0..<10).map(Float.init), rows: 1, columns: 10, palette: .sequential, mode: .ascii)
    let buffer = draw(heatmap, .plain, legend: false)
    #expect(buffer.lines(trimmingTrailingSpaces: false) == ["  ..::--==++**##%%@@"])
}

@Test func asciiShowsTheSignOfDivergingValues() {
    let heatmap = Heatmap(values: [-4, 0, 4, -2], rows: 1, columns: 4, palette: .diverging, mode: .ascii)
    // |v|/4 on a 10-step ramp: 4 → '@', 2 → index 4.5 rounded to 5 → '+'.
    #expect(draw(heatmap, .plain, legend: false).lines() == ["-@  @@-+"])
}

@Test func numbersModeRightAlignsWithAutomaticDecimals() {
    let whole = Heatmap(values: [1, -2, 30, 0], rows: 2, columns: 2, mode: .numbers)
    #expect(draw(whole, .plain, legend: false).lines() == ["  1 -2", " 30  0"])
    var fractional = Heatmap(values: [0.5, -0.126, 1, -0.001], rows: 2, columns: 2, mode: .numbers)
    #expect(draw(fractional, .plain, legend: false).lines() == ["  0.50 -0.13", "  1.00  0.00"])
    fractional.decimals = 3
    #expect(draw(fractional, .plain, legend: false).lines() == ["  0.500 -0.126", "  1.000 -0.001"])
}

@Test func hiddenMarkedAndEmphasizedValuesAreVisibleWithoutColour() {
    var heatmap = Heatmap(values: [1, 2, 3, 4], rows: 2, columns: 2, mode: .numbers)
    heatmap.hidden = [3]
    heatmap.marked = [0, 1]
    heatmap.emphasized = [1]
    let buffer = draw(heatmap, .plain, legend: false)
    #expect(buffer.lines() == [" 1 2", " 3 ?"])
    #expect(buffer[1, 0].style.attributes == [.reverse])
    #expect(buffer[3, 0].style.attributes == [.reverse, .bold, .underline])
    #expect(buffer[3, 1].style.attributes == [.dim])
}

@Test func halfBlocksPutTwoRowsInOneCell() {
    let heatmap = Heatmap(values: [0, 1, 1, 0, 0.5, 0.5], rows: 3, columns: 2, palette: .sequential, mode: .halfBlocks, range: 0...1)
    let caps = Capabilities(colorLevel: .indexed256, unicode: true)
    #expect(heatmap.size(caps) == (2, 2))
    let buffer = draw(heatmap, caps, legend: false)
    #expect(buffer.lines() == ["▀▀", "▀▀"])
    #expect(buffer[0, 0].style == Style(foreground: .grey(0), background: .grey(23)))
    #expect(buffer[1, 0].style == Style(foreground: .grey(23), background: .grey(0)))
    // The odd last row has nothing below it.
    #expect(buffer[0, 1].style == Style(foreground: .grey(12), background: .default))
}

@Test func modesFallBackToWhatTheTerminalCanShow() {
    let h = Heatmap(values: [0], rows: 1, columns: 1, mode: .halfBlocks)
    #expect(h.effectiveMode(Capabilities(colorLevel: .indexed256, unicode: true)) == .halfBlocks)
    #expect(h.effectiveMode(Capabilities(colorLevel: .indexed256, unicode: false)) == .cells)
    #expect(h.effectiveMode(.plain) == .ascii)
    var c = h
    c.mode = .cells
    #expect(c.effectiveMode(Capabilities(colorLevel: .none, unicode: true)) == .ascii)
}

@Test func divergingPaletteIsNeutralAtZeroAndSymmetric() {
    let p = HeatmapPalette.diverging
    let range = p.autoRange(of: [-0.5, 2, 1])
    #expect(range == -2...2)
    #expect(p.color(for: 0, in: range, level: .indexed256) == .grey(3))
    #expect(p.color(for: 0, in: range, level: .basic16) == .black)
    #expect(p.color(for: 2, in: range, level: .basic16) == .brightRed)
    #expect(p.color(for: -2, in: range, level: .basic16) == .brightBlue)
    for v: Float in [0.5, 1, 1.5, 2] {
        #expect(p.position(of: v, in: range) == -p.position(of: -v, in: range), "asymmetric at \(v)")
    }
    #expect(HeatmapPalette.sequential.autoRange(of: [3, 3]) == 3...4)
}

@Test(arguments: Heatmap.Mode.allCases)
func heatmapSnapshotsInEveryModeAndColourLevel(mode: Heatmap.Mode) {
    for (name, caps) in capabilityCases {
        for palette in HeatmapPalette.allCases {
            var heatmap = Heatmap(values: signed, rows: 4, columns: 5, palette: palette, mode: mode)
            heatmap.marked = [6, 7, 11, 12]
            heatmap.emphasized = [13]
            heatmap.hidden = [19]
            let text = Snapshot.describe(draw(heatmap, caps))
            let snapshot = "heatmap-\(mode.rawValue)-\(palette)-\(name)"
            #expect(Snapshot.verify(text, named: snapshot) == nil, "\(snapshot)")
        }
    }
}
