import Dispatch
import Foundation

/// Two pieces of independent work at once, on the machine's cores (GCD), for the stages that do not
/// depend on each other: the results come back in order, and the first error is rethrown.
enum Parallel {
    private final class Slot<T>: @unchecked Sendable {
        var result: Result<T, Error>?
    }

    private struct Work: @unchecked Sendable {
        let run: () -> Void
    }

    static func both<A, B>(_ a: () throws -> A, _ b: () throws -> B) throws -> (A, B) {
        let ra = Slot<A>(), rb = Slot<B>()
        withoutActuallyEscaping(a) { a in
            withoutActuallyEscaping(b) { b in
                let work = [Work { ra.result = Result { try a() } }, Work { rb.result = Result { try b() } }]
                DispatchQueue.concurrentPerform(iterations: 2) { work[$0].run() }
            }
        }
        return (try ra.result!.get(), try rb.result!.get())
    }

    /// `f` over every item at once (as many at a time as there are cores), results in the items' order.
    static func map<T, R>(_ items: [T], _ f: (T) throws -> R) throws -> [R] {
        if items.count < 2 { return try items.map(f) }
        let slots = items.map { _ in Slot<R>() }
        withoutActuallyEscaping(f) { f in
            let work = items.indices.map { i in Work { slots[i].result = Result { try f(items[i]) } } }
            DispatchQueue.concurrentPerform(iterations: items.count) { work[$0].run() }
        }
        return try slots.map { try $0.result!.get() }
    }

    /// Like `map`, but each item after the first on a thread of its own, started now: for work inside
    /// work that `map` already spreads over the cores (GCD would run it one item after another).
    /// `f` escapes to those threads, so it may capture only what they can share.
    static func onThreads<T: Sendable, R>(_ items: [T], _ f: @escaping @Sendable (T) throws -> R) throws -> [R] {
        if items.count < 2 { return try items.map(f) }
        let slots = items.map { _ in Slot<R>() }
        let done = DispatchSemaphore(value: 0)
        for i in items.indices.dropFirst() {
            let item = items[i], slot = slots[i]
            let work = Work { slot.result = Result { try f(item) } }
            Thread { work.run(); done.signal() }.start()
        }
        slots[0].result = Result { try f(items[0]) }
        for _ in items.indices.dropFirst() { done.wait() }
        return try slots.map { try $0.result!.get() }
    }
}
