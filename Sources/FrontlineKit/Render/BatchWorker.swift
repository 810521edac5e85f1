import Foundation

/// The articles of a batch rendered one by one, in this process or in a worker process that answers
/// for each (`frontline batch-worker`, started by `batch`).
extension Batch {
    /// One article for a worker: the input and the output path without its extension.
    struct Job: Codable {
        var input: String
        var base: String
    }
    /// A worker's answer: the error of a failed article, none for a rendered one.
    struct Answer: Codable {
        var error: String?
    }

    /// The line a worker writes once it is ready for articles.
    static let ready = "ready"

    /// TEST ONLY: a worker given an article whose path holds this variable's value crashes on it (a
    /// trap, signal 4) before writing anything, so the tests can see a crash isolated. Never set it
    /// otherwise.
    public static let testCrashVariable = "FRONTLINE_TEST_CRASH_ON"

    /// Renders one article: its map and claims file, both or neither. The error message, or nil.
    static func render(_ frontline: Frontline, input: String, base: String, request: MapRequest) -> String? {
        do {
            let article = try Article.load(path: input)
            // One analysis gives both the map and the claims file.
            let analysis = try frontline.analyse(article)
            let scene = try frontline.scene(for: analysis, request: request)
            let png = try Renderer(fonts: frontline.fonts).bytes(scene, format: .png)
            let json = Array(try analysis.document(actors: frontline.actors).json().utf8)
            if let marker = ProcessInfo.processInfo.environment[testCrashVariable], !marker.isEmpty,
                input.contains(marker)
            {
                fatalError("\(testCrashVariable): crashing on \(input), as the test asked")
            }
            // Both or neither: a full disk leaves no map without its claims file.
            try AtomicFile.write([(path: base + ".png", bytes: png), (path: base + ".claims.json", bytes: json)])
            return nil
        } catch let e as FrontlineError {
            return e.description
        } catch {
            return "\(input): \(error)"
        }
    }

    /// Renders one article in the worker process `worker` (started first when there is none): its
    /// answer, or, when the worker died on it, what ended it ("crashed with signal 11 (Segmentation
    /// fault)"); the temporary files it may have left are removed and the next article gets a new one.
    static func inWorker(_ worker: inout ChildProcess?, arguments: [String], input: String, base: String) -> String? {
        do {
            if worker == nil {
                let w = try ChildProcess(arguments: arguments)
                guard w.read() == ready else { return "\(input): the worker process \(w.waitForEnd()) at start" }
                worker = w
            }
            guard let w = worker else { return nil }
            let job = String(decoding: try JSONEncoder().encode(Job(input: input, base: base)), as: UTF8.self)
            if let line = w.ask(job), let answer = try? JSONDecoder().decode(Answer.self, from: Data(line.utf8)) {
                return answer.error
            }
            let ending = w.waitForEnd()
            worker = nil
            for ext in [".png", ".claims.json"] { AtomicFile.removeLeftovers(of: base + ext) }
            return "\(input): \(ending)"
        } catch let e as FrontlineError {
            return "\(input): \(e.description)"
        } catch {
            return "\(input): \(error)"
        }
    }

    /// A worker's loop (`frontline batch-worker`): says it is ready, then reads articles (one JSON line
    /// each) on standard input and answers each on standard output, until its input ends.
    public static func serve(_ frontline: Frontline, request: MapRequest) throws {
        let jobs = LineReader(fd: 0)
        try Console.line(ready)
        while let line = jobs.next() {
            let answer: Answer
            if let job = try? JSONDecoder().decode(Job.self, from: Data(line.utf8)) {
                answer = Answer(error: render(frontline, input: job.input, base: job.base, request: request))
            } else {
                answer = Answer(error: "batch worker: not a job: \(line.prefix(80))")
            }
            try Console.line(String(decoding: try JSONEncoder().encode(answer), as: UTF8.self))
        }
    }
}
