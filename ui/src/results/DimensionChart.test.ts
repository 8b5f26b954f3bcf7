// The results chart lives as long as its component: unmounting disposes the ECharts instance.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import { flushSync } from "svelte";
import * as echarts from "echarts/core";
import DimensionChart from "./DimensionChart.svelte";

afterEach(cleanup);

const rows = [
  { name: "设备", value: 50, label: "6 / 12" },
  { name: "网络", value: 100, label: "8 / 8" },
];

describe("DimensionChart", () => {
  it("draws the rows, updates in place and is disposed on unmount", () => {
    const { unmount, rerender } = render(DimensionChart, { rows });
    const el = screen.getByTestId("dimension-chart");
    const chart = echarts.getInstanceByDom(el)!;
    expect(chart).toBeDefined();
    const names = () => (chart.getOption() as { yAxis: { data: string[] }[] }).yAxis[0].data;
    expect(names()).toEqual(["网络", "设备"]);
    rerender({ rows: [{ ...rows[0], name: "Equipment" }] });
    flushSync();
    expect(names()).toEqual(["Equipment"]);
    expect(echarts.getInstanceByDom(el)).toBe(chart); // the same instance, not a second one
    unmount();
    expect(chart.isDisposed()).toBe(true);
    expect(echarts.getInstanceByDom(el)).toBeUndefined();
  });
});
