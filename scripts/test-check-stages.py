#!/usr/bin/env python3
"""Tests of check-stages.py on small made-up packages: a clean one passes, and each kind of violation
it is meant to find is reported with its file and line (and nothing in comments or strings is)."""
import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-stages.py")
FOLDERS = ["Text", "Places", "Claims", "Measures", "Scene", "Render", "Basemap", "Support"]

CLEAN = {
    "Support/Geometry.swift": "public struct LonLat { var lon: Double }\n",
    "Basemap/Basemap.swift": "public struct Basemap { let cache = LayerCache() }\n",
    "Basemap/LayerCache.swift": "final class LayerCache {}\n",
    "Text/Article.swift": "public struct Article { var text: String }\n",
    "Places/Place.swift": "public struct Place { var at: LonLat; var article: Article }\n",
    "Claims/Actors.swift": (
        "/// Drawn in Scene's RGBA, a comment that does not count.\n"
        "public struct Actor {\n    public var colour: String\n"
        "    var help: String { \"the RGBA of \\(colour)\" }\n}\n"),
    "Measures/Checker.swift": "public struct Checker { var basemap: Basemap; var place: Place }\n",
    "Scene/Styles.swift": (
        "public struct RGBA { var r: Double }\n"
        "extension Actor {\n    public var fill: RGBA { RGBA(r: 0) }\n}\n"),
    "Scene/Scene.swift": "struct Scene { var actor: Actor; var paint: RGBA { actor.fill } }\n",
    "Render/Renderer.swift": "struct Renderer { var scene: Scene }\n",
    "Pipeline.swift": "struct Pipeline { var scene: Scene; var checker: Checker }\n",
}


def run(files):
    with tempfile.TemporaryDirectory() as root:
        kit = os.path.join(root, "Sources", "FrontlineKit")
        for folder in FOLDERS:
            os.makedirs(os.path.join(kit, folder), exist_ok=True)
        for rel, text in files.items():
            with open(os.path.join(kit, rel), "w", encoding="utf-8") as f:
                f.write(text)
        p = subprocess.run([sys.executable, SCRIPT, root], capture_output=True, text=True)
        return p.returncode, p.stdout


class CheckStagesTests(unittest.TestCase):
    def test_clean_package_passes(self):
        code, out = run(CLEAN)
        self.assertEqual(code, 0, out)
        self.assertIn("each stage uses only its own", out)

    def violation(self, rel, text):
        code, out = run(dict(CLEAN, **{rel: text}))
        self.assertEqual(code, 1, out)
        return out

    def test_a_stage_using_a_later_stage_type(self):
        out = self.violation("Places/Report.swift", "struct Report {\n    var style: RGBA\n}\n")
        self.assertEqual(out, "Sources/FrontlineKit/Places/Report.swift:2: Places uses Scene's RGBA\n")

    def test_a_shared_folder_using_a_stage_type(self):
        out = self.violation("Support/Cache.swift", "struct Cache { var places: [Place] }\n")
        self.assertEqual(out, "Sources/FrontlineKit/Support/Cache.swift:1: Support uses Places's Place\n")

    def test_a_stage_using_basemap_internals(self):
        out = self.violation("Measures/Lines.swift", "struct Lines { let cache: LayerCache }\n")
        self.assertEqual(out, "Sources/FrontlineKit/Measures/Lines.swift:1: Measures uses Basemap's internal LayerCache\n")

    def test_a_member_only_a_later_stage_adds(self):
        out = self.violation("Claims/Table.swift", "struct Table {\n    func paint(_ a: Actor) { _ = a.fill }\n}\n")
        self.assertEqual(out, "Sources/FrontlineKit/Claims/Table.swift:2: Claims uses .fill, which Scene adds\n")

    def test_a_file_outside_the_stages(self):
        out = self.violation("Helpers.swift", "struct Helper {}\n")
        self.assertIn("Sources/FrontlineKit/Helpers.swift:1: outside the stage folders", out)

    def test_a_nested_type_of_the_same_name_is_the_folders_own(self):
        code, out = run(dict(CLEAN, **{"Support/Pool.swift": "final class Pool {\n    final class Scene {}\n"
                                       "    func run() -> Scene { Scene() }\n}\n"}))
        self.assertEqual(code, 0, out)


if __name__ == "__main__":
    unittest.main()
