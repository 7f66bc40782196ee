import Foundation
import Canvas
import Widgets

/// A titled block of a lab screen, placed by `LabFlow`.
struct LabPanel {
    var title: String
    var width: Int
    var height: Int
    var draw: (Rect, inout Buffer) -> Void
}

/// Places panels left to right, starting a new band when the next one does not fit; a panel
/// that is too wide for what is left of a band goes under the previous one if there is room.
enum LabFlow {
    static func layout(_ panels: [LabPanel], in area: Rect, into buffer: inout Buffer, theme: Theme, gap: Int = 3) -> Int {
        var x = area.x, y = area.y, bandHeight = 0
        var column: (x: Int, y: Int, width: Int)?
        for panel in panels {
            let need = (width: max(panel.width, TextWidth.of(panel.title)), height: panel.height + 1)
            if x > area.x && x + need.width > area.maxX {
                if let col = column, need.width <= area.maxX - col.x, col.y + need.height <= area.maxY, col.y + need.height <= y + max(bandHeight, need.height) {
                    place(panel, at: col.x, col.y, area: area, into: &buffer, theme: theme)
                    column = (col.x, col.y + need.height + 1, max(col.width, need.width))
                    continue
                }
                x = area.x
                y += bandHeight + 1
                bandHeight = 0
            }
            place(panel, at: x, y, area: area, into: &buffer, theme: theme)
            column = (x, y + need.height + 1, need.width)
            bandHeight = max(bandHeight, need.height)
            x += need.width + gap
        }
        return y + bandHeight
    }

    private static func place(_ panel: LabPanel, at x: Int, _ y: Int, area: Rect, into buffer: inout Buffer, theme: Theme) {
        buffer.put(panel.title, x: x, y: y, style: theme.heading, clip: area)
        let rect = Rect(x: x, y: y + 1, width: panel.width, height: panel.height).intersection(area)
        panel.draw(rect, &buffer)
    }
}

/// A panel showing a heatmap.
func heatmapPanel(_ title: String, _ heatmap: Heatmap, _ capabilities: Capabilities, legend: Bool = false) -> LabPanel {
    let size = heatmap.size(capabilities)
    let legendView = HeatmapLegend(for: heatmap)
    let showLegend = legend && heatmap.effectiveMode(capabilities) != .numbers
    let width = max(size.width, showLegend ? legendView.width(capabilities) : 0)
    return LabPanel(title: title, width: width, height: size.height + (showLegend ? 1 : 0)) { rect, buffer in
        heatmap.render(in: rect, into: &buffer, capabilities: capabilities)
        if showLegend {
            legendView.render(in: Rect(x: rect.x, y: rect.y + size.height, width: rect.width, height: 1), into: &buffer, capabilities: capabilities)
        }
    }
}

func numbersPanel(_ title: String, values: [Float], rows: Int, columns: Int, decimals: Int?, marked: Set<Int> = [],
                  hidden: Set<Int> = [], _ capabilities: Capabilities) -> LabPanel {
    var h = Heatmap(values: values, rows: rows, columns: columns, palette: .diverging, mode: .numbers)
    h.decimals = decimals
    h.marked = marked
    h.hidden = hidden
    return heatmapPanel(title, h, capabilities)
}

func renderConvolutionLab(_ state: AppState, in area: Rect, into buffer: inout Buffer) {
    guard let lab = state.convolutionLab else { return }
    let theme = state.theme, caps = state.capabilities
    var y = area.y
    // Settings bar: the focused field in reverse video.
    var x = area.x + 1
    let fields: [(ConvolutionLabState.Field, String)] = [
        (.input, "input \(lab.input.name)"), (.kernel, "kernel \(lab.kernel.name)"),
        (.stride, "stride \(lab.stride)"), (.padding, "pad \(lab.padding)"), (.dilation, "dilation \(lab.dilation)"),
        (.bias, "bias \(GridText.format(lab.bias, decimals: GridText.decimals(for: [lab.bias])))"), (.relu, "ReLU \(lab.relu ? "on" : "off")"),
    ]
    for (field, text) in fields {
        let style = field == lab.focus ? theme.selection : theme.text
        x = buffer.put(text, x: x, y: y, style: style, clip: area) + 2
    }
    y += 1
    let outText = lab.output.error == nil ? "output \(lab.output.rows)×\(lab.output.columns)" : "no output"
    var formula = "\(outText): rows \(lab.formula(columns: false))"
    if lab.input.rows != lab.input.columns || lab.kernel.rows != lab.kernel.columns {
        formula += ", columns \(lab.formula(columns: true))"
    }
    // At 80 columns a dilated formula ran off the edge: its note shortens to fit.
    if TextWidth.of(formula) + 1 > area.width { formula = formula.replacingOccurrences(of: "(dilated kernel span ", with: "(span ") }
    buffer.put(" " + asciiFloor(formula, caps), x: area.x, y: y, style: theme.muted, clip: area)
    y += 1
    let body = Rect(x: area.x + 1, y: y, width: area.width - 2, height: area.maxY - y)
    if let error = lab.output.error {
        buffer.put("This kernel does not fit: \(error).", x: body.x, y: body.y, style: theme.failure, clip: body)
        buffer.put("Add padding, lower the dilation or pick a smaller kernel (Tab to a field, + or - to change it).", x: body.x, y: body.y + 1, style: theme.text, clip: body)
        return
    }
    let padded = lab.paddedInput
    let window = lab.windowCells(of: lab.position)
    var inputMap = Heatmap(values: padded.values, rows: padded.rows, columns: padded.columns,
                           palette: padded.values.contains { $0 < 0 } ? .diverging : .sequential)
    let big = padded.rows > 16 || padded.columns > 24
    inputMap.mode = lab.numbersShown ? .numbers : (big ? .halfBlocks : .cells)
    inputMap.decimals = padded.values.allSatisfy { $0 == $0.rounded() } ? 0 : 2
    inputMap.marked = Set(window.map { $0.row * padded.columns + $0.column })
    if case .input(let r, let c)? = lab.editing { inputMap.marked = [(r + lab.padding) * padded.columns + c + lab.padding] }
    var outputMap = Heatmap(values: lab.output.values, rows: lab.output.rows, columns: lab.output.columns,
                            palette: lab.output.values.contains { $0 < 0 } ? .diverging : .sequential)
    outputMap.mode = lab.numbersShown ? .numbers : (lab.output.rows > 16 ? .halfBlocks : .cells)
    outputMap.marked = [lab.position]
    outputMap.hidden = Set((lab.revealedThrough + 1)..<max(lab.revealedThrough + 1, lab.positionCount))
    var kernelMarked: Set<Int> = []
    if case .kernel(let r, let c)? = lab.editing { kernelMarked = [r * lab.kernel.columns + c] }
    let kernelDecimals = lab.kernel.values.allSatisfy { $0 == $0.rounded() } ? 0 : 3
    let channelNote = lab.channelCount > 1 ? "channel \(lab.channel + 1)/\(lab.channelCount) " : ""
    let paddingNote = lab.padding > 0 ? " (padded)" : ""
    let outputTitle = "output \(lab.output.rows)×\(lab.output.columns)"
    let (i, j) = lab.outputCoordinates(of: lab.position)
    // The maps get what the window's numbers below leave; too big, they show the part around the window.
    // Below the maps: their legend, the window's title and rows, the sum line.
    let mapHeight = max(3, body.height - lab.kernel.rows - 5)
    let widths = mapWidths(input: inputMap, output: outputMap, available: body.width - 6, caps)
    let window0 = window.first ?? (row: 0, column: 0)
    let (shownInput, inputNote) = fitted(inputMap, focus: (window0.row + lab.kernel.rows / 2, window0.column + lab.kernel.columns / 2),
                                         maxWidth: widths.input, maxHeight: mapHeight, caps)
    let (shownOutput, outputNote) = fitted(outputMap, focus: lab.outputCoordinates(of: lab.position), maxWidth: widths.output, maxHeight: mapHeight, caps)
    let maps = [
        heatmapPanel(channelNote + (inputNote.map { "input \(padded.rows)×\(padded.columns) \($0)" } ?? "input\(paddingNote) \(padded.rows)×\(padded.columns)"), shownInput, caps, legend: true),
        heatmapPanel(outputTitle + (outputNote.map { " \($0)" } ?? ""), shownOutput, caps, legend: true),
    ]
    let mapsBottom = LabFlow.layout(maps, in: body, into: &buffer, theme: theme, gap: 6)
    if lab.channelCount > 1 {
        renderChannelWindows(lab, state, in: Rect(x: body.x, y: mapsBottom, width: body.width, height: body.maxY - mapsBottom), into: &buffer)
        return
    }
    // The current window: patch × kernel = products.
    let patch = lab.patch(at: lab.position), products = lab.products(at: lab.position)
    let patchDecimals = patch.allSatisfy { $0 == $0.rounded() } ? 0 : 2
    let productDecimals = products.allSatisfy { $0 == $0.rounded() } ? 0 : max(patchDecimals, kernelDecimals == 0 ? 2 : 3)
    // While a prediction is awaited the products and their sum stay hidden: with them on screen
    // the "prediction" would be one addition, not the multiply-adds the learner is practising.
    let hiddenProducts = lab.awaitingPrediction ? Set(products.indices) : []
    let windowPanels = [
        numbersPanel("window \(windowCounter(lab.position, of: lab.positionCount)): patch", values: patch, rows: lab.kernel.rows, columns: lab.kernel.columns, decimals: patchDecimals, caps),
        numbersPanel("× kernel \(lab.kernel.name)", values: lab.kernel.values, rows: lab.kernel.rows, columns: lab.kernel.columns,
                     decimals: kernelDecimals, marked: kernelMarked, caps),
        numbersPanel("= products", values: products, rows: lab.kernel.rows, columns: lab.kernel.columns, decimals: productDecimals,
                     hidden: hiddenProducts, caps),
    ]
    let windowArea = Rect(x: body.x, y: mapsBottom, width: body.width, height: body.maxY - mapsBottom)
    let bottom = LabFlow.layout(windowPanels, in: windowArea, into: &buffer, theme: theme)
    // The sum line.
    let sumY = min(body.maxY - 1, bottom + 1)
    let sum = lab.productSum(at: lab.position)
    let sumName = state.capabilities.unicode ? "Σ products" : "sum of products"
    // Written from the products as shown, so the line adds up (with the unrounded sum beside
    // it when a rounding carried).
    let sumText = GridText.shownSum(products, total: sum, termDecimals: productDecimals, decimals: 2)
    var line = "out[\(i),\(j)] = \(sumName) \(sumText) + bias \(NumberText.fixed(lab.bias, decimals: 2))"
    if lab.awaitingPrediction {
        line = "out[\(i),\(j)] = \(sumName) + bias \(NumberText.fixed(lab.bias, decimals: 2))\(lab.relu ? ", then ReLU" : "") = ?   your prediction: \(lab.answer)_"
        buffer.put(line, x: body.x, y: sumY, style: theme.accent, clip: body)
    } else {
        let z = lab.output.preActivation[lab.position], shown = lab.output.values[lab.position]
        line += " = \(NumberText.fixed(z, decimals: 2))"
        if lab.relu { line += "   ReLU → \(NumberText.fixed(shown, decimals: 2))" }
        let end = buffer.put(line, x: body.x, y: sumY, style: theme.text, clip: body)
        if let grade = lab.lastGrade, grade.position == lab.position {
            let verdict = grade.correct ? "\(state.glyphs.check) right" : "\(state.glyphs.cross) you said \(NumberText.fixed(grade.answer, decimals: 2))"
            buffer.put("  " + verdict, x: end, y: sumY, style: grade.correct ? theme.success : theme.failure, clip: body)
        }
    }
    if lab.predicting || lab.autoplay {
        var mode: [String] = []
        if lab.predicting { mode.append("predict mode: \(lab.score.right)/\(lab.score.asked) right") }
        if lab.autoplay { mode.append("autoplay \(NumberText.compact(ConvolutionLabState.speeds[lab.speedIndex]))/s") }
        // Under the sum line: right-aligned on the formula line it covered a long formula.
        buffer.put(mode.joined(separator: "  "), x: body.x, y: min(body.maxY - 1, sumY + 1), style: theme.accent, clip: body)
    }
}

let convolutionLabKeys = convolutionLabKeyMap.footer

let convolutionLabHelp = convolutionLabKeyMap.help

/// `text` with the floor brackets of a size formula spelled out when the terminal has no
/// Unicode: the terminal's one-column fallback would print `⌊…⌋` as `?…?`.
func asciiFloor(_ text: String, _ caps: Capabilities) -> String {
    guard !caps.unicode, text.contains("⌊") else { return text }
    return text.replacingOccurrences(of: "⌊", with: "floor(").replacingOccurrences(of: "⌋", with: ")")
}

/// `position + 1` of `count`, the first number padded to the width of the last, so that the
/// panels after it do not shift a column when autoplay passes window 9 or 99.
func windowCounter(_ position: Int, of count: Int) -> String {
    let n = String(position + 1)
    return String(repeating: " ", count: max(0, String(count).count - n.count)) + n + "/\(count)"
}

/// The widths the input and output maps may take side by side in `available` columns: half
/// each, except that a map needing less than half leaves the rest to the other (a 3×3 output
/// beside a padded 10×10 input in numbers must not cost the input a column).
func mapWidths(input: Heatmap, output: Heatmap, available: Int, _ caps: Capabilities) -> (input: Int, output: Int) {
    let half = max(8, available / 2)
    // 20 columns: room for the title with a crop note and for the legend under a heatmap.
    let needIn = max(input.size(caps).width, 20), needOut = max(output.size(caps).width, 20)
    if needOut < half { return (max(half, available - needOut), needOut) }
    if needIn < half { return (needIn, max(half, available - needIn)) }
    return (half, half)
}

/// `heatmap` cut down to at most `maxWidth`×`maxHeight` cells around the value at `focus`
/// (row, column), with a note saying which part is shown; unchanged when it fits. Big inputs
/// without colour (an ASCII 28×28 digit is 56×28 cells) stay usable at 80×24 this way.
func fitted(_ heatmap: Heatmap, focus: (row: Int, column: Int), maxWidth: Int, maxHeight: Int, _ caps: Capabilities) -> (Heatmap, String?) {
    let size = heatmap.size(caps)
    guard size.width > maxWidth || size.height > maxHeight else { return (heatmap, nil) }
    let perColumn = max(1, heatmap.columnWidth(caps))
    let rowsPerLine = heatmap.effectiveMode(caps) == .halfBlocks ? 2 : 1
    let columns = min(heatmap.columns, max(1, maxWidth / perColumn))
    let rows = min(heatmap.rows, max(1, maxHeight * rowsPerLine))
    let r0 = min(max(0, focus.row - rows / 2), heatmap.rows - rows)
    let c0 = min(max(0, focus.column - columns / 2), heatmap.columns - columns)
    var values: [Float] = []
    values.reserveCapacity(rows * columns)
    func remap(_ set: Set<Int>) -> Set<Int> {
        Set(set.compactMap { i in
            let r = i / heatmap.columns - r0, c = i % heatmap.columns - c0
            return r >= 0 && r < rows && c >= 0 && c < columns ? r * columns + c : nil
        })
    }
    for r in r0..<(r0 + rows) { values.append(contentsOf: heatmap.values[(r * heatmap.columns + c0)..<(r * heatmap.columns + c0 + columns)]) }
    var cut = Heatmap(values: values, rows: rows, columns: columns, palette: heatmap.palette, mode: heatmap.mode,
                      range: heatmap.range ?? heatmap.effectiveRange)
    cut.decimals = heatmap.decimals
    cut.marked = remap(heatmap.marked)
    cut.emphasized = remap(heatmap.emphasized)
    cut.hidden = remap(heatmap.hidden)
    cut.hiddenText = heatmap.hiddenText
    // A compact note, so the title does not widen the panel: `r0–9 c0–17`.
    return (cut, "r\(r0)–\(r0 + rows - 1) c\(c0)–\(c0 + columns - 1)")
}
