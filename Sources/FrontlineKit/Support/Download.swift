import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Downloads one URL into memory with Foundation's URLSession: the only network access Frontline has,
/// used by `frontline gazetteer add` alone. A status other than 200, a body shorter than its
/// Content-Length, a body past `limit` or a failed connection is one error naming the URL.
public enum Download {
    /// The body at `url` (http or https). `progress(received, expected)` is called as bytes arrive
    /// (`expected` is nil without a Content-Length), on URLSession's queue.
    public static func fetch(
        _ url: URL, limit: Int, progress: @escaping @Sendable (Int, Int?) -> Void
    ) throws -> Data {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw FrontlineError.usage("\(url.absoluteString): only http and https URLs are downloaded")
        }
        let receiver = Receiver(limit: limit, progress: progress)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration, delegate: receiver, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: url).resume()
        receiver.done.wait()
        switch receiver.outcome() {
        case .success(let data): return data
        case .failure(let why): throw FrontlineError.badInput(file: url.absoluteString, reason: why.text)
        }
    }
}

/// The delegate that gathers a body; every field is behind `lock` (URLSession calls it on its queue).
private final class Receiver: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private let limit: Int
    private let progress: @Sendable (Int, Int?) -> Void
    private var data = Data()
    private var expected: Int?
    private var failure: String?

    init(limit: Int, progress: @escaping @Sendable (Int, Int?) -> Void) {
        self.limit = limit
        self.progress = progress
    }

    func outcome() -> Result<Data, Failure> {
        lock.lock()
        defer { lock.unlock() }
        if let failure { return .failure(Failure(failure)) }
        if let expected, data.count != expected {
            return .failure(Failure("truncated download: \(data.count) of \(expected) bytes"))
        }
        return .success(data)
    }

    struct Failure: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    private func fail(_ why: String) {
        lock.lock()
        if failure == nil { failure = why }
        lock.unlock()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 200
        let length = response.expectedContentLength
        guard status == 200 else {
            fail("the server answered HTTP \(status) (\(HTTPURLResponse.localizedString(forStatusCode: status)))")
            return completionHandler(.cancel)
        }
        guard length <= Int64(limit) else {
            fail("is \(length) bytes, more than the \(limit) downloaded")
            return completionHandler(.cancel)
        }
        lock.lock()
        expected = length >= 0 ? Int(length) : nil
        lock.unlock()
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive chunk: Data) {
        lock.lock()
        data.append(chunk)
        let (received, total) = (data.count, expected)
        lock.unlock()
        if received > limit {
            fail("more than the \(limit) bytes downloaded")
            dataTask.cancel()
            return
        }
        progress(received, total)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let error { fail("download failed: \(error.localizedDescription)") }
        done.signal()
    }
}
