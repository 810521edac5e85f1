import ArgumentParser
import Foundation
import FrontlineKit

extension GazetteerCommand {
    static let defaultURL = "https://download.geonames.org/export/dump/{CC}.zip"

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download GeoNames country dumps into the user's gazetteer cache.",
            discussion: """
                Downloads CC.zip for each country, checks it (every row 19 columns, valid coordinates), \
                and compiles its populated places into $XDG_DATA_HOME/frontline/gazetteers/CC.index \
                (default ~/.local/share/frontline/gazetteers), which every later command reads. All the \
                countries are written or none: a failed, truncated or corrupt download is one error line \
                naming its URL, exit code 1, and the cache unchanged. This is the only command that \
                touches the network.

                Examples:
                  frontline gazetteer add SY IQ
                  frontline gazetteer add UA --url https://mirror.example.org/geonames/{CC}.zip
                """)
        @Argument(help: ArgumentHelp("ISO 3166-1 alpha-2 country codes, e.g. SY UA.", valueName: "CC"))
        var countries: [String]
        @Option(
            name: .long,
            help: ArgumentHelp(
                "The URL to download, {CC} standing for the code (default: $FRONTLINE_GEONAMES_URL, else "
                    + "\(GazetteerCommand.defaultURL)). Example: --url http://127.0.0.1:8000/{CC}.zip",
                valueName: "TEMPLATE"))
        var url: String?

        var codes: [String] { countries.map { $0.uppercased() } }
        var template: String {
            url ?? ProcessInfo.processInfo.environment["FRONTLINE_GEONAMES_URL"].flatMap { $0.isEmpty ? nil : $0 }
                ?? GazetteerCommand.defaultURL
        }

        func validate() throws {
            guard !countries.isEmpty else { throw ValidationError("name at least one country code, e.g. SY") }
            for c in codes where !GazetteerCache.isCountryCode(c) {
                throw ValidationError("'\(c)' is not an ISO 3166-1 alpha-2 country code (two letters, e.g. SY)")
            }
            guard template.contains("{CC}") else { throw ValidationError("the URL template has no {CC}") }
            for c in codes {
                let url = URL(string: template.replacingOccurrences(of: "{CC}", with: c))
                guard let scheme = url?.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
                    throw ValidationError("'\(template)' does not make an http or https URL")
                }
            }
        }

        func run() throws {
            guard let cache = GazetteerCache.user else {
                throw FrontlineError.usage("neither XDG_DATA_HOME nor HOME is set: no place for the cache")
            }
            var dumps: [GeoNamesDump] = []
            for code in Array(Set(codes)).sorted() {
                let address = template.replacingOccurrences(of: "{CC}", with: code)
                let bar = ProgressBar(label: code + ".zip")
                let data = try Download.fetch(URL(string: address)!, limit: Limits.downloadBytes) { got, total in
                    bar.show(got, total)
                }
                bar.finish(data.count, url: address)
                dumps.append(try GeoNamesDump(zip: data, code: code, source: address))
            }
            try cache.install(dumps)
            for d in dumps {
                let path = Console.escaped(cache.path(of: d.code))
                try Console.line("added \(d.code): \(d.entries.count) places of \(d.rows) rows → \(path)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the countries in the user's gazetteer cache.",
            discussion: """
                One line per country: its code, entries, size and date, and the file.

                Example:
                  frontline gazetteer list
                """)

        func run() throws {
            guard let cache = GazetteerCache.user else { return }
            let countries = try cache.countries()
            if countries.isEmpty { try Console.line("no cached countries in \(Console.escaped(cache.directory))") }
            let format = DateFormatter()
            format.locale = Locale(identifier: "en_US_POSIX")
            format.timeZone = TimeZone(identifier: "UTC")
            format.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
            for c in countries {
                let size =
                    c.bytes < 1_048_576
                    ? String(format: "%.1f KB", Double(c.bytes) / 1024)
                    : String(format: "%.1f MB", Double(c.bytes) / 1_048_576)
                try Console.line(
                    "\(c.code)\t\(c.entries) entries\t\(size)\t\(format.string(from: c.modified))\t"
                        + Console.escaped(c.path))
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove countries from the user's gazetteer cache.",
            discussion: """
                Example:
                  frontline gazetteer remove SY
                """)
        @Argument(help: ArgumentHelp("ISO 3166-1 alpha-2 country codes, e.g. SY.", valueName: "CC"))
        var countries: [String]

        func validate() throws {
            guard !countries.isEmpty else { throw ValidationError("name at least one country code, e.g. SY") }
            for c in countries where !GazetteerCache.isCountryCode(c.uppercased()) {
                throw ValidationError("'\(c)' is not an ISO 3166-1 alpha-2 country code (two letters, e.g. SY)")
            }
        }

        func run() throws {
            guard let cache = GazetteerCache.user else { return }
            for c in countries.map({ $0.uppercased() }) {
                guard try cache.remove(c) else {
                    throw FrontlineError.badInput(file: cache.path(of: c), reason: "\(c) is not in the cache")
                }
                try Console.line("removed \(c)")
            }
        }
    }
}

/// A download's progress on standard error: a bar rewritten in place on a terminal, else one line at the end.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let terminal = isatty(2) == 1
    private let lock = NSLock()
    private var lastPercent = -1

    init(label: String) { self.label = label }

    func show(_ received: Int, _ total: Int?) {
        guard terminal else { return }
        lock.lock()
        defer { lock.unlock() }
        let mb = String(format: "%.1f MB", Double(received) / 1_048_576)
        guard let total, total > 0 else { return Console.progress("\r\(label) \(mb)") }
        let percent = min(100, received * 100 / total)
        guard percent != lastPercent else { return }
        lastPercent = percent
        let filled = percent * 30 / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled)
        Console.progress("\r\(label) [\(bar)] \(percent)% of " + String(format: "%.1f MB", Double(total) / 1_048_576))
    }

    func finish(_ bytes: Int, url: String) {
        if terminal { Console.progress("\r\u{1B}[K") }
        Console.message("downloaded \(url) (\(bytes) bytes)")
    }
}
