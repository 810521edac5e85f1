#include <string.h>
#include <zlib.h>

/* Raw deflate (no zlib header or trailer) of `n` bytes at `level`, ended by a sync flush: the piece
   ends on a byte boundary and its last block is not final, so another piece of the same stream can
   follow it. Returns the bytes written to `out`, or 0 if zlib fails or `capacity` is too small
   (frontline_deflate_piece_bound is always enough). deflateInit2 is a macro, hence this shim. */
static inline size_t frontline_deflate_piece(const void *in, size_t n, void *out, size_t capacity, int level) {
    z_stream s;
    memset(&s, 0, sizeof s);
    if (n > 0xFFFFFFFFu || capacity > 0xFFFFFFFFu) return 0;
    if (deflateInit2(&s, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
    s.next_in = (Bytef *)in;
    s.avail_in = (uInt)n;
    s.next_out = (Bytef *)out;
    s.avail_out = (uInt)capacity;
    int r = deflate(&s, Z_SYNC_FLUSH);
    /* Room left over means the flush is complete. */
    size_t written = (r == Z_OK && s.avail_in == 0 && s.avail_out > 0) ? (size_t)s.total_out : 0;
    deflateEnd(&s);
    return written;
}

/* A capacity that always holds frontline_deflate_piece's output for `n` bytes: zlib's bound for a
   whole stream, plus the sync flush's empty stored block. */
static inline size_t frontline_deflate_piece_bound(size_t n) {
    return (size_t)compressBound((uLong)n) + 16;
}
