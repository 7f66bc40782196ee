import Canvas
import Widgets

/// Draws the whole screen for `state` into a fresh buffer of the state's size.
public func render(_ state: AppState) -> Buffer {
    var buffer = Buffer(width: state.width, height: state.height)
    render(state, into: &buffer)
    return buffer
}

/// Draws the whole screen for `state` into `buffer`. Total: never traps, whatever the size.
public func render(_ state: AppState, into buffer: inout Buffer) {
    let area = buffer.area
    guard !area.isEmpty else { return }
    if state.isTooSmall {
        renderEnlarge(state, in: area, into: &buffer)
        return
    }
    let theme = state.theme
    let (header, rest) = area.splitTop(1)
    let (body, footer) = rest.splitBottom(1)
    let (content, statusRow) = body.splitBottom(1)

    buffer.put(" cnn-tutor ", x: header.x, y: header.y, style: theme.title.adding(.reverse), clip: header)
    buffer.put(" " + screenTitle(state), x: header.x + 11, y: header.y, style: theme.heading, clip: header)

    switch state.route {
    case .home: renderHome(state, in: content, into: &buffer)
    case .convolutionLab: renderConvolutionLab(state, in: content, into: &buffer)
    case .training: renderTraining(state, in: content, into: &buffer)
    case .poolingLab: renderPoolingLab(state, in: content, into: &buffer)
    case .networkView: renderNetworkView(state, in: content, into: &buffer)
    case .lesson: renderReader(state, in: content, into: &buffer)
    case .quiz: renderQuiz(state, in: content, into: &buffer)
    }

    if let status = state.status {
        buffer.put(" " + TextLayout.truncate(status, to: statusRow.width - 2, ellipsis: state.glyphs.ellipsis), x: statusRow.x, y: statusRow.y, style: theme.accent, clip: statusRow)
    }
    KeyHintBar(footerKeys(state)).render(in: footer, into: &buffer, theme: theme)
    if state.showingHelp {
        HelpOverlay(title: "Keys: \(screenTitle(state))", sections: helpSections(state))
            .render(in: content, into: &buffer, capabilities: state.capabilities)
    }
    if let notice = state.notice { renderNotice(notice, state: state, in: content, into: &buffer) }
}

func screenTitle(_ state: AppState) -> String {
    switch state.route {
    case .home: return "Home"
    case .convolutionLab: return "Convolution lab"
    case .training: return "Live training"
    case .poolingLab: return "Pooling lab"
    case .networkView: return "Network view"
    case .lesson: return readerTitle(state)
    case .quiz: return state.quiz?.title ?? "Quiz"
    }
}

func footerKeys(_ state: AppState) -> [KeyHint] {
    if state.showingHelp { return [KeyHint("? Esc", "close help")] }
    if state.notice != nil { return [KeyHint("any key", "close")] }
    switch state.route {
    case .home: return homeFooterKeys(state)
    case .lesson: return readerFooterKeys(state)
    case .quiz: return quizFooterKeys(state)
    case .convolutionLab: return convolutionLabKeys
    case .training: return state.training.map { trainingKeyMap(for: $0).footer } ?? []
    case .poolingLab: return poolingLabKeys
    case .networkView: return networkViewKeys
    }
}

func helpSections(_ state: AppState) -> [(heading: String, hints: [KeyHint])] {
    let everywhere: [KeyHint] = [KeyHint("?", "show or hide this help"), KeyHint("q Esc", state.routes.count > 1 ? "back" : "quit"), KeyHint("Ctrl-C", "quit at once")]
    switch state.route {
    case .home: return homeHelp + [("Everywhere", everywhere)]
    case .lesson: return readerHelp + [("Everywhere", everywhere)]
    case .quiz: return quizHelp
    case .convolutionLab: return convolutionLabHelp + [("", Array(everywhere.prefix(2)))]
    case .training: return trainingHelpKeyMap.help + [("", Array(everywhere.prefix(2)))]
    case .poolingLab: return poolingLabHelp + [("", Array(everywhere.prefix(2)))]
    case .networkView: return networkViewHelp + [("", Array(everywhere.prefix(2)))]
    }
}

/// The screen for windows below the minimum size: one centred message, whatever fits.
func renderEnlarge(_ state: AppState, in area: Rect, into buffer: inout Buffer) {
    let lines = [
        "enlarge the window",
        "(now \(state.width)×\(state.height), need \(minimumSize.width)×\(minimumSize.height))",
        "q quits",
    ]
    let top = area.y + max(0, (area.height - lines.count) / 2)
    for (i, line) in lines.enumerated() {
        let shown = TextLayout.truncate(line, to: area.width, ellipsis: "")
        let x = area.x + max(0, (area.width - TextWidth.of(shown)) / 2)
        buffer.put(shown, x: x, y: top + i, style: i == 0 ? state.theme.accent : state.theme.text, clip: area)
    }
}
