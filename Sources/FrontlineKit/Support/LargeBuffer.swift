import Foundation

/// Zeroed anonymous memory for a large buffer (a map's pixels), aligned to 2 MB and marked for
/// transparent huge pages: a 1600 px map's 8 MB are then five pages to fault in and to hold in the
/// TLB while Cairo draws and libdeflate reads them, not two thousand. (Where the kernel gives no huge
/// pages, it is ordinary memory.)
final class LargeBuffer {
    static let hugePage = 2 << 20
    /// The usable, aligned bytes.
    let base: UnsafeMutableRawPointer
    private let mapping: UnsafeMutableRawPointer
    private let length: Int

    init?(size: Int) {
        guard size > 0 else { return nil }
        let rounded = (size + Self.hugePage - 1) / Self.hugePage * Self.hugePage
        let length = rounded + Self.hugePage
        guard let m = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), m != MAP_FAILED else { return nil }
        let offset = (Self.hugePage - Int(bitPattern: m) % Self.hugePage) % Self.hugePage
        base = m + offset
        mapping = m
        self.length = length
        _ = madvise(base, rounded, MADV_HUGEPAGE)  // refused, or no huge pages to give: ordinary pages
        // Faulted in at once (Linux 5.14+; elsewhere page by page on first touch), as MAP_POPULATE
        // would, but after the advice so that the pages are huge ones where the kernel has them.
        _ = madvise(base, rounded, 23)  // MADV_POPULATE_WRITE
    }

    deinit { munmap(mapping, length) }
}
