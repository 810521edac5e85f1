import Foundation

/// Renders many articles: each one's map and claims file, on all cores, going on past bad articles.
public struct Batch: Sendable {
    public struct Failure: Sendable, Equatable {
        public var file: String
        public var message: String
    }
    /// An input whose maps were given another name than its own (another input had it, or the file
    /// name held what a file name must not).
    public struct Renaming: Sendable, Equatable {
        public var file: String
        public var name: String
    }
    public struct Summary: Sendable {
        public var total: Int
        public var rendered: Int
        public var failures: [Failure]
        public var renamed: [Renaming] = []
    }

    /// Article files from files and directories (their .txt files, recursively), sorted.
    public static func inputs(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
                throw FrontlineError.badInput(file: p, reason: "no such file or directory")
            }
            if isDir.boolValue {
                let e = fm.enumerator(atPath: p)
                while let rel = e?.nextObject() as? String {
                    if rel.lowercased().hasSuffix(".txt") { out.append((p as NSString).appendingPathComponent(rel)) }
                }
            } else {
                out.append(p)
            }
        }
        return Array(Set(out)).sorted()
    }

    /// The K-th of N deterministic parts (K from 1): every N-th input of the sorted list.
    public static func shard(_ inputs: [String], k: Int, n: Int) -> [String] {
        inputs.enumerated().filter { $0.offset % n == k - 1 }.map(\.element)
    }

    /// Output names, one per input, never two alike (nor alike but for case, for file systems that
    /// ignore it): the input's file name made safe, or when another input has it, the first free
    /// "name-N" that is no input's own name (`a/x.txt`, `b/x.txt` and `c/x-2.txt` give x, x-3, x-2).
    static func names(_ inputs: [String]) -> [String] {
        let own = inputs.map { OutputPath.safeName(URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent) }
        let owned = Set(own.map { $0.lowercased() })
        var taken = Set<String>()
        return own.map { base in
            var name = base, n = 1
            while taken.contains(name.lowercased()) || (n > 1 && owned.contains(name.lowercased())) {
                n += 1
                name = "\(base)-\(n)"
            }
            taken.insert(name.lowercased())
            return name
        }
    }

    /// Runs the batch with `jobs` workers; `progress(done, total, file, error)` is called after each article.
    /// With `isolation` (the arguments of this executable's hidden `batch-worker` command), each worker
    /// is a child process rendering one article after another, so that an article that crashes one
    /// (a trap, a segmentation fault) fails alone, named with the signal, and a new worker takes the
    /// next; without it the articles are rendered in this process.
    public static func run(
        _ frontline: Frontline, inputs: [String], outputDirectory dir: String, jobs: Int, request: MapRequest,
        isolation: [String]? = nil, progress: @escaping @Sendable (Int, Int, String, String?) -> Void
    ) throws -> Summary {
        guard !dir.isEmpty else { throw FrontlineError.usage("the output folder is empty (give -o DIR)") }
        guard FileKind.of(dir, following: true) == .directory else {
            throw FrontlineError.cannotWrite(file: dir, reason: "output directory does not exist")
        }
        let names = Self.names(inputs)
        let lock = NSLock()
        nonisolated(unsafe) var failures: [Failure] = []
        nonisolated(unsafe) var done = 0
        nonisolated(unsafe) var next = 0
        let workers = max(1, min(jobs, inputs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var worker: ChildProcess?
            defer { worker?.finish() }
            while true {
                lock.lock()
                let i = next
                next += 1
                lock.unlock()
                guard i < inputs.count else { return }
                let base = (dir as NSString).appendingPathComponent(names[i])
                let message =
                    isolation.map { inWorker(&worker, arguments: $0, input: inputs[i], base: base) }
                    ?? render(frontline, input: inputs[i], base: base, request: request)
                lock.lock()
                if let message { failures.append(Failure(file: inputs[i], message: message)) }
                done += 1
                let d = done
                lock.unlock()
                progress(d, inputs.count, inputs[i], message)
            }
        }
        failures.sort { $0.file < $1.file }
        let renamed = zip(inputs, names).filter { file, name in
            name != URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        }
        return Summary(
            total: inputs.count, rendered: inputs.count - failures.count, failures: failures,
            renamed: renamed.map { Renaming(file: $0, name: $1) })
    }
}
