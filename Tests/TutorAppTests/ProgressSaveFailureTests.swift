import Canvas
import Testing
import TutorApp

/// A failed progress save is a box that stays until a key is pressed, and nothing claims the
/// answers are saved afterwards (issue 14).
struct ProgressSaveFailureTests {
    @Test func theFirstFailureIsABoxUntilAKeyIsPressed() {
        var state = AppState(width: 80, height: 24, capabilities: .plain)
        _ = reduce(&state, .progressSaveFailed("progress not saved: /x/progress.json: cannot save progress: Read-only file system"))
        #expect(state.notice?.title == "Progress not saved")
        // The message is wrapped to fit the box, not cut.
        #expect(state.notice?.lines.joined(separator: " ").contains("cannot save progress: Read-only file system") == true)
        #expect(state.notice?.lines.allSatisfy { $0.count <= 72 } == true)
        // A tick or a snapshot does not dismiss it; a key does.
        guard case .noticeDismissed = action(for: .character("j"), in: state) else {
            Issue.record("a key should dismiss the notice")
            return
        }
        _ = reduce(&state, .noticeDismissed)
        #expect(state.notice == nil)
        // Later failures keep the status line but do not box every save.
        _ = reduce(&state, .progressSaveFailed("again"))
        #expect(state.notice == nil)
        #expect(state.status == "again")
        #expect(state.progressSaveError == "again")
    }

    @Test func aPasteOutsideATextFieldTypesNothing() {
        let state = AppState(width: 80, height: 24, capabilities: .plain)
        // On the home screen without the filter open, "q" would leave: a paste must not.
        #expect(pasteActions("quit", in: state).isEmpty)
    }
}
