package io.kaohe.evidence;

import io.kaohe.contracts.rubric.BasePlusAdjustments;
import io.kaohe.contracts.rubric.DeductionPerIncident;
import io.kaohe.contracts.rubric.Judged;
import io.kaohe.contracts.rubric.QuantifiedRate;
import io.kaohe.contracts.rubric.Threshold;
import io.kaohe.contracts.rubric.UnitItem;
import io.kaohe.contracts.rubric.UnitItems;
import io.kaohe.support.rubric.UnitItemsSource;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The items two demo units are assessed on, as rubric-service would serve them (a stand-in for
 * another service's API, not for our infrastructure; the platform's end-to-end test makes the
 * real call). Item 1 and 3 are assessed by 市委组织部 (swzzb), 2, 4 and 5 by 市扶贫移民局
 * (sfpymj), 3 by both.
 */
public final class TestRubric implements UnitItemsSource {

    public static final String VERSION = "8a1d5c36-2d0e-4f4b-9d55-6d0c2b1f7e11";
    /** How often the source was asked, per version and unit: the catalog must ask once. */
    public static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @Override
    public UnitItems unitItems(String rubricVersionId, String unitCode) {
        CALLS.computeIfAbsent(rubricVersionId + "/" + unitCode, k -> new AtomicInteger()).incrementAndGet();
        String u = unitCode.replace("bz-", "");
        return new UnitItems(rubricVersionId, unitCode, unitCode, "party-dept", new BigDecimal("25.00"), List.of(
                item("T." + u + ".1", "严格执行组织生活制度", "5.00",
                        new DeductionPerIncident(new BigDecimal("0.1"), "每发生1起扣0.1分，扣完为止"), "swzzb"),
                item("T." + u + ".2", "理论学习中心组学习", "2.00",
                        new QuantifiedRate("得分=单位活动实际开展数÷单位需开展活动数×2"), "sfpymj"),
                item("T." + u + ".3", "重点特色工作", "10.00",
                        new BasePlusAdjustments(new BigDecimal("8"), new BigDecimal("10.00"),
                                "基础分为8分，根据工作完成等情况给予加分或扣分，最高得分为10分"), "swzzb", "sfpymj"),
                item("T." + u + ".4", "意识形态工作责任制", "3.00", new Judged("根据完成情况计分"), "sfpymj"),
                item("T." + u + ".5", "审限内结案率", "5.00",
                        new Threshold(new BigDecimal("95"), new BigDecimal("0.1"),
                                "审限内结案率达95%，每少完成一个百分点扣0.1分"), "sfpymj")));
    }

    private static UnitItem item(String code, String title, String points, io.kaohe.contracts.rubric.ScoringRule rule,
                                 String... departments) {
        return new UnitItem(code, title, List.of("职能职责"), "A", "职能职责", new BigDecimal(points), rule,
                List.of(departments), "12月底", "提供文件、现场照片和新闻报道等资料");
    }

}
