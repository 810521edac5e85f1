import Foundation

/// Independent pieces of work at once, on the machine's cores, for the stages that do not depend on
/// each other: the results come back in order, and the first error is rethrown.
///
/// The work runs on `WorkerPool.shared`, threads started once per process before PROJ is opened:
/// glibc lets no thread be created while dlopen runs (~10 ms for libproj), so threads made on demand
/// (as GCD makes them) would wait for it.
enum Parallel {
    private final class Slot<T>: @unchecked Sendable {
        var result: Result<T, Error>?
    }

    static func both<A, B>(_ a: () throws -> A, _ b: () throws -> B) throws -> (A, B) {
        let ra = Slot<A>(), rb = Slot<B>()
        withoutActuallyEscaping(b) { b in
            let pool = WorkerPool.shared
            let batch = pool.submit([{ rb.result = Result { try b() } }])
            ra.result = Result { try a() }
            pool.wait(for: batch)
        }
        return (try ra.result!.get(), try rb.result!.get())
    }

    /// `f` over every item at once (as many at a time as there are cores), results in the items' order.
    static func map<T, R>(_ items: [T], _ f: (T) throws -> R) throws -> [R] {
        if items.count < 2 { return try items.map(f) }
        let slots = items.map { _ in Slot<R>() }
        withoutActuallyEscaping(f) { f in
            let pool = WorkerPool.shared
            let batch = pool.submit(
                items.indices.dropFirst().map { i in { slots[i].result = Result { try f(items[i]) } } })
            slots[0].result = Result { try f(items[0]) }
            pool.wait(for: batch)
        }
        return try slots.map { try $0.result!.get() }
    }
}

/// A fixed set of worker threads and a queue of jobs. A thread that waits for a batch runs the batch's queued
/// jobs meanwhile, so work inside work never waits for a worker its parent holds.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool(threads: max(2, ProcessInfo.processInfo.activeProcessorCount))

    /// Jobs submitted together; done when `pending` reaches 0.
    final class Batch: @unchecked Sendable {
        fileprivate var pending: Int
        fileprivate init(_ n: Int) { pending = n }
    }

    private struct Job {
        var body: (() -> Void)?
        let batch: Batch?
    }

    /// One lock; idle workers wait on `work` (woken one per job queued), callers on `done` (woken when
    /// a batch ends): a finished batch wakes no idle worker, and one job wakes one worker, not all.
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let work = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let done = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queue: [Job] = []
    private var head = 0

    private init(threads: Int) {
        pthread_mutex_init(lock, nil)
        pthread_cond_init(work, nil)
        pthread_cond_init(done, nil)
        for _ in 0..<threads {
            let t = Thread { [unowned self] in
                while true { self.runNext() }
            }
            t.stackSize = 8 << 20
            t.start()
        }
    }

    /// Starts the threads now (they are made once; later calls do nothing).
    static func start() { _ = shared }

    /// Queues `bodies`; wait for them with `wait(for:)`.
    func submit(_ bodies: [() -> Void]) -> Batch {
        let batch = Batch(bodies.count)
        pthread_mutex_lock(lock)
        queue += bodies.map { Job(body: $0, batch: batch) }
        for _ in bodies { pthread_cond_signal(work) }
        pthread_mutex_unlock(lock)
        return batch
    }

    /// Queues a job nobody waits for (work done ahead, in the background).
    func async(_ body: @escaping @Sendable () -> Void) {
        pthread_mutex_lock(lock)
        queue.append(Job(body: body, batch: nil))
        pthread_cond_signal(work)
        pthread_mutex_unlock(lock)
    }

    /// Returns when every job of `batch` has run, running the batch's own jobs that no worker has
    /// taken yet meanwhile (never work queued for the background: the caller is on the critical path).
    func wait(for batch: Batch) {
        pthread_mutex_lock(lock)
        while batch.pending > 0 {
            if let i = queue[head...].firstIndex(where: { $0.batch === batch && $0.body != nil }) {
                var body = queue[i].body
                queue[i].body = nil
                pthread_mutex_unlock(lock)
                run(&body, of: batch)
                pthread_mutex_lock(lock)
            } else {
                pthread_cond_wait(done, lock)
            }
        }
        pthread_mutex_unlock(lock)
    }

    /// Runs the next queued job, waiting for one if there is none.
    private func runNext() {
        pthread_mutex_lock(lock)
        while true {
            while head < queue.count, queue[head].body == nil { head += 1 }  // run by its batch's waiter
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            }
            if head < queue.count { break }
            pthread_cond_wait(work, lock)
        }
        var body = queue[head].body
        let batch = queue[head].batch
        queue[head].body = nil
        head += 1
        pthread_mutex_unlock(lock)
        run(&body, of: batch)
    }

    /// Runs a job and releases its closure before marking its batch done: `Parallel` lends closures
    /// that must not outlive the call that waits for them.
    private func run(_ body: inout (() -> Void)?, of batch: Batch?) {
        body!()
        body = nil
        if let batch {
            pthread_mutex_lock(lock)
            batch.pending -= 1
            if batch.pending == 0 { pthread_cond_broadcast(done) }
            pthread_mutex_unlock(lock)
        }
    }
}
