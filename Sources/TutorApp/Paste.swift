import Canvas

/// A paste (one terminal event) as the actions of typing it: only where a text field has the
/// keys (the home filter, a quiz answer), and at most `TextFieldState.maximumLength`
/// characters, so a huge paste costs one linear pass and one frame. Anywhere else a paste is
/// ignored, so pasted text never fires a screen's single-key commands.
public func pasteActions(_ text: String, in state: AppState) -> [Action] {
    var actions: [Action] = []
    for character in text.prefix(TextFieldState.maximumLength) {
        let key = Key.character(character)
        // A field takes every printable character; a key the screen does not capture as text
        // (a command key on a screen without a focused field) ends the paste.
        guard let action = screensCapturedKeyAction(for: key, in: state), isTyping(action) else { break }
        actions.append(action)
    }
    return actions
}

/// Whether `action` is typing into a text field.
private func isTyping(_ action: Action) -> Bool {
    switch action {
    case .home(.filterEdited), .quiz(.answerEdited): return true
    default: return false
    }
}
