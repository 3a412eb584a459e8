namespace SceneMonitor.Analysis; internal static class Placeholder { }
