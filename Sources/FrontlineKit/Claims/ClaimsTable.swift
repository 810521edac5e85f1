import Foundation

/// The claims of an article in aligned columns, then each place's state before and after.
public enum ClaimsTable {
    public static func render(_ doc: ClaimsDocument, actors: ActorCatalog) -> String {
        var rows: [[String]] = [["#", "ACTOR", "ACTION", "PLACE", "PHASE", "TIME", "ATTRIBUTION", "CONF", "EVIDENCE"]]
        for c in doc.claims {
            let evidence =
                c.evidence.sentence.count > 90 ? String(c.evidence.sentence.prefix(87)) + "..." : c.evidence.sentence
            rows.append([
                String(c.id), c.actor_label, c.action.rawValue + (c.inferred ? " (inferred)" : ""),
                c.location + (c.geo_precision == 2 && c.notes?.hasPrefix("near") == true ? " (near)" : "")
                    + (c.geo_precision == 0 ? " (not located)" : ""),
                c.phase.rawValue,
                c.time ?? "", c.attribution.map { $0.count > 40 ? String($0.prefix(37)) + "..." : $0 } ?? "",
                String(format: "%.2f", c.confidence), evidence,
            ])
        }
        var out = TextTable(rows).text
        out += "\n\nSTATE BEFORE → AFTER\n"
        var names = Dictionary(doc.places.map { ($0.id, $0.text) }, uniquingKeysWith: { a, _ in a })
        for c in doc.claims where c.geo_precision == 0 { names[c.place] = c.location + " (not located)" }
        func describe(_ s: PlaceState) -> String {
            var t = s.controller.map { actors.label(of: $0) } ?? "unknown"
            if let st = s.status {
                t += " (\(st.rawValue)\(s.opponent.map { " by/with " + (actors.label(of: $0)) } ?? ""))"
            }
            if !s.advancing.isEmpty {
                t += ", advancing: " + s.advancing.map { actors.label(of: $0) }.joined(separator: ", ")
            }
            return t
        }
        var stateRows: [[String]] = []
        var seen = Set<String>()
        for id in doc.states.map(\.placeID) where seen.insert(id).inserted {
            let b = doc.states.first { $0.placeID == id && $0.phase == .before },
                a = doc.states.first { $0.placeID == id && $0.phase == .after }
            stateRows.append([names[id] ?? id, b.map(describe) ?? "", "→", a.map(describe) ?? ""])
        }
        out += TextTable(stateRows).text
        return out
    }
}
