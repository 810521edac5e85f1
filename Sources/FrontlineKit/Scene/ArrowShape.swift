import Foundation

/// An advance arrow: a shaft and a head, as one closed outline from `from` to the tip at `to`.
enum ArrowShape {
    static func polygon(from a: Point, to b: Point, width w: Double) -> [Point] {
        let dx = b.x - a.x, dy = b.y - a.y
        let len = max(hypot(dx, dy), 1e-9)
        let ux = dx / len, uy = dy / len, nx = -uy, ny = ux
        let head = min(len * 0.45, w * 3.2)
        let neck = Point(x: b.x - ux * head, y: b.y - uy * head)
        func p(_ base: Point, _ k: Double) -> Point { Point(x: base.x + nx * k, y: base.y + ny * k) }
        return [p(a, w / 2), p(neck, w / 2), p(neck, w * 1.5), b, p(neck, -w * 1.5), p(neck, -w / 2), p(a, -w / 2)]
    }
}
