package org.spiketime4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class PlotsTest {

    private static XYChart chart(int width, int height) {
        XYChart c = new XYChart(width, height);
        c.addSeries("s", new double[] {0, 1}, new double[] {0, 1});
        return c;
    }

    @Test
    void gridColumnsTakeTheirWidestChartAndRowsTheirHighest() {
        List<XYChart> charts = List.of(chart(300, 100), chart(200, 250), chart(120, 80));
        BufferedImage twoColumns = Plots.grid(charts, 2);
        assertEquals(300 + 200, twoColumns.getWidth());
        assertEquals(250 + 80, twoColumns.getHeight());
        BufferedImage oneColumn = Plots.grid(charts, 1);
        assertEquals(300, oneColumn.getWidth());
        assertEquals(100 + 250 + 80, oneColumn.getHeight());
        BufferedImage wide = Plots.grid(charts, 5);
        assertEquals(300 + 200 + 120, wide.getWidth());
        assertEquals(250, wide.getHeight());
    }

    @Test
    void gridPlacesEachChartAtItsCellCorner() {
        XYChart a = chart(300, 100);
        XYChart b = chart(200, 250);
        BufferedImage grid = Plots.grid(List.of(a, b), 1);
        BufferedImage bAlone = Plots.image(b);
        for (int x = 0; x < 200; x += 17) {
            for (int y = 0; y < 250; y += 13) {
                assertEquals(bAlone.getRGB(x, y), grid.getRGB(x, 100 + y), "pixel " + x + "," + y);
            }
        }
        assertEquals(0xFFFFFFFF, grid.getRGB(250, 200), "right of the narrower chart is white");
    }

    @Test
    void gridRejectsNoChartsAndNoColumns() {
        assertThrows(IllegalArgumentException.class, () -> Plots.grid(List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> Plots.grid(List.of(chart(10, 10)), 0));
    }
}
