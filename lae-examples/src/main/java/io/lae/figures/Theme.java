package io.lae.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.AffineTransform;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/** The look every figure shares: fonts, neutral colours, spacing, text drawing and number labels. */
final class Theme {

    /** Panel and figure titles. */
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    /** The overall title above a grid of panels. */
    static final Font HEADLINE = TITLE.deriveFont(22f);
    /** Axis titles and row labels. */
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    /** Tick labels and column titles. */
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Legend entries. */
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    static final Color BACKGROUND = Color.WHITE;
    static final Color TEXT = new Color(0x222222);
    /** Frames around plots, matrices and colour bars, and tick marks. */
    static final Color FRAME = new Color(0x444444);
    static final Color GRID = new Color(0xE3E3E3);
    /** Reference lines (thresholds, theory levels). */
    static final Color REFERENCE = new Color(0x555555);

    /** The margin around a figure's contents, in pixels. */
    static final int PAD = 16;

    private static final String SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    private static final FontRenderContext FONT_CONTEXT = new FontRenderContext(null, true, true);

    private Theme() {
    }

    /**
     * @param g graphics to draw on
     * @return a copy of {@code g} with anti-aliased text and shapes and the text colour set; dispose it after use
     */
    static Graphics2D graphics(Graphics2D g) {
        Graphics2D copy = (Graphics2D) g.create();
        copy.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        copy.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        copy.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        copy.setColor(TEXT);
        return copy;
    }

    /** @return the width of {@code text} in {@code font}, in whole points */
    static int width(Font font, String text) {
        return (int) Math.ceil(font.getStringBounds(text, FONT_CONTEXT).getWidth());
    }

    /** @return the height of a line of {@code font} (ascent + descent), in whole pixels */
    static int height(Font font) {
        LineMetrics m = font.getLineMetrics("Ag", FONT_CONTEXT);
        return (int) Math.ceil(m.getAscent() + m.getDescent());
    }

    /**
     * @param font     the font
     * @param text     the text
     * @param maxWidth the widest a line may be, in pixels
     * @return the text broken at spaces into lines no wider than {@code maxWidth} (a single word wider
     *         than that keeps a line of its own); none for empty text
     */
    static List<String> wrap(Font font, String text, int maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && width(font, line + " " + word) > maxWidth) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * Draws one line of text, vertically centred on {@code y}.
     *
     * @param align 0 puts the text's left end at {@code x}, ½ its centre, 1 its right end
     */
    static void text(Graphics2D g, Font font, String text, double x, double y, double align) {
        LineMetrics m = font.getLineMetrics(text, FONT_CONTEXT);
        g.setFont(font);
        g.drawString(text, (float) (x - align * width(font, text)),
                (float) (y + (m.getAscent() - m.getDescent()) / 2));
    }

    /** Draws one line of text turned a quarter left (reading upwards), centred on (x, y). */
    static void verticalText(Graphics2D g, Font font, String text, double x, double y) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        text(g, font, text, 0, 0, 0.5);
        g.setTransform(saved);
    }

    /** Draws an outline just outside the rectangle (x, y, width, height), which stays uncovered. */
    static void frame(Graphics2D g, int x, int y, int width, int height) {
        g.setColor(FRAME);
        g.setStroke(new BasicStroke(1));
        g.drawRect(x - 1, y - 1, width + 1, height + 1);
    }

    /** @return a short label: 3 significant digits, plain from 0.001 to 10⁵, else like 1.5×10⁻⁷ */
    static String number(double value) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e5) {
            return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
        int exponent = (int) Math.floor(Math.log10(magnitude));
        BigDecimal mantissa = new BigDecimal(value / Math.pow(10, exponent)).round(new MathContext(3))
                .stripTrailingZeros();
        if (mantissa.abs().compareTo(BigDecimal.TEN) >= 0) {
            mantissa = mantissa.movePointLeft(1).stripTrailingZeros();
            exponent++;
        }
        String power = powerOfTen(exponent);
        return mantissa.abs().compareTo(BigDecimal.ONE) == 0 ? (value < 0 ? "−" : "") + power
                : mantissa.toPlainString() + "×" + power;
    }

    /** @return 10 to the power {@code exponent} with a superscript exponent: 10⁻³ */
    static String powerOfTen(int exponent) {
        StringBuilder label = new StringBuilder("10");
        for (char c : Integer.toString(exponent).toCharArray()) {
            label.append(c == '-' ? '⁻' : SUPERSCRIPT_DIGITS.charAt(c - '0'));
        }
        return label.toString();
    }

    /**
     * @throws IllegalArgumentException if {@code width × height} is too small for a readable figure
     */
    static void checkSize(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("figure size " + width + " × " + height
                    + " is too small; use at least 200 × 150");
        }
    }
}
