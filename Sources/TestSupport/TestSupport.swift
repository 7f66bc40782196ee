// The helpers of the app's tests (a learner's fixture, the bundled samples), and through this
// re-export every library-level helper of `TestSupportCore`, so a test target imports one module.
@_exported import TestSupportCore

/// Helpers shared by the test targets of the app (`TutorAppTests`, `EndToEndTests`); the
/// libraries' tests use `TestSupportCore` alone and do not link the app.
public enum TestSupport {}
