package dev.portbench.report;

import dev.portbench.allocator.variants.AllocatorCatalog;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * The colour and marker of every series in the report's charts, so that an allocator looks the same
 * on every chart and two allocators never share both. Colours: the eight of Okabe and Ito
 * ("Color Universal Design", 2008; https://jfly.uni-koeln.de/color/), distinguishable under the
 * common colour-vision deficiencies (its yellow replaced by the darker one of Tol's "high-contrast" scheme,
 * which reads on white), then seven of Paul Tol's "muted" scheme
 * (https://personal.sron.nl/~pault/). No palette keeps fifteen hues apart for every reader, so each
 * allocator also has its own marker shape: the charts still read in grey print. Catalog allocators
 * take their declaration order ({@link AllocatorCatalog#ids()}); other series (percentiles, policy
 * curves) take the position they are drawn in. Stateless; thread-safe.
 */
final class AllocatorStyle {

    private static final Color[] COLOURS = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00), new Color(0xCC79A7),
        new Color(0x56B4E9), new Color(0x000000), new Color(0xDDAA33), new Color(0x332288), new Color(0x882255),
        new Color(0x44AA99), new Color(0x999933), new Color(0xCC6677), new Color(0xAA4499), new Color(0x661100)
    };

    private static final double SIZE = 8;
    private static final Shape[] SHAPES = {
        new Ellipse2D.Double(-SIZE / 2, -SIZE / 2, SIZE, SIZE),
        new Rectangle2D.Double(-SIZE / 2, -SIZE / 2, SIZE, SIZE),
        polygon(3, -90, SIZE * 0.65),
        polygon(4, 0, SIZE * 0.7),
        polygon(3, 90, SIZE * 0.65),
        cross(0),
        cross(45),
        polygon(5, -90, SIZE * 0.6),
        polygon(6, 0, SIZE * 0.6),
        star(5, -90),
        polygon(3, 180, SIZE * 0.65),
        polygon(3, 0, SIZE * 0.65),
        new Rectangle2D.Double(-SIZE * 0.7, -SIZE * 0.3, SIZE * 1.4, SIZE * 0.6),
        new Rectangle2D.Double(-SIZE * 0.3, -SIZE * 0.7, SIZE * 0.6, SIZE * 1.4),
        star(4, 0)
    };

    private AllocatorStyle() {
    }

    /** How many series have a style of their own before colours and markers repeat. */
    static int distinct() {
        return COLOURS.length;
    }

    static Color colour(String series, int position) {
        return COLOURS[slot(series, position)];
    }

    static Shape marker(String series, int position) {
        return SHAPES[slot(series, position)];
    }

    private static int slot(String series, int position) {
        List<String> ids = AllocatorCatalog.ids();
        int i = ids.indexOf(series);
        return Math.floorMod(i >= 0 ? i : position, COLOURS.length);
    }

    private static Shape polygon(int sides, double startDegrees, double radius) {
        Path2D.Double p = new Path2D.Double();
        for (int k = 0; k < sides; k++) {
            double a = StrictMath.toRadians(startDegrees + 360.0 * k / sides);
            to(p, k, radius * StrictMath.cos(a), radius * StrictMath.sin(a));
        }
        p.closePath();
        return p;
    }

    private static Shape star(int points, double startDegrees) {
        Path2D.Double p = new Path2D.Double();
        for (int k = 0; k < 2 * points; k++) {
            double r = k % 2 == 0 ? SIZE * 0.75 : SIZE * 0.3;
            double a = StrictMath.toRadians(startDegrees + 180.0 * k / points);
            to(p, k, r * StrictMath.cos(a), r * StrictMath.sin(a));
        }
        p.closePath();
        return p;
    }

    /** A plus sign as a filled outline, turned by {@code degrees}. */
    private static Shape cross(double degrees) {
        double w = SIZE * 0.18;
        double l = SIZE * 0.6;
        double[][] pts = {{-w, -l}, {w, -l}, {w, -w}, {l, -w}, {l, w}, {w, w}, {w, l}, {-w, l}, {-w, w}, {-l, w},
            {-l, -w}, {-w, -w}};
        double a = StrictMath.toRadians(degrees);
        Path2D.Double p = new Path2D.Double();
        for (int k = 0; k < pts.length; k++) {
            to(p, k, pts[k][0] * StrictMath.cos(a) - pts[k][1] * StrictMath.sin(a),
                    pts[k][0] * StrictMath.sin(a) + pts[k][1] * StrictMath.cos(a));
        }
        p.closePath();
        return p;
    }

    /** Point {@code k} of an outline: the first moves the pen there, the others draw a line to it. */
    private static void to(Path2D.Double p, int k, double x, double y) {
        if (k == 0) {
            p.moveTo(x, y);
        } else {
            p.lineTo(x, y);
        }
    }
}
