import Canvas
/// TutorApp: the state, actions, reducers and renders of the tutor's screens.
public enum TutorApp {}
