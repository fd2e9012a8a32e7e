/**
 * @file test_alarm.c
 * @brief Unit tests of the alarm manager and the occlusion and air-in-line
 *        detectors (SU-ALARM).
 * @unit SU-ALARM
 */
#include "unity.h"
#include "alarm.h"
#include "hal_mock.h"

static occlusion_detector_t s_occ;
static air_detector_t s_air;

void setUp(void)
{
    hal_mock_reset();
    alarm_init();
    occlusion_init(&s_occ, 300);
    ail_init(&s_air);
}

void tearDown(void)
{
}

/** Feed a constant pressure every 20 ms from start_ms to end_ms inclusive. */
static bool feed_pressure(int32_t mmhg, uint32_t start_ms, uint32_t end_ms)
{
    bool raised = false;
    for (uint32_t t = start_ms; t <= end_ms; t += 20u) {
        g_hal.now_ms = t;
        raised |= occlusion_update(&s_occ, mmhg, t);
    }
    return raised;
}

/** @verifies SRS-020, SRS-022, RC-04 */
void test_sustained_pressure_raises_occlusion_and_stops_motor(void)
{
    TEST_ASSERT_FALSE(feed_pressure(120, 0u, 1000u));
    TEST_ASSERT_FALSE(feed_pressure(350, 1020u, 2900u));
    TEST_ASSERT_TRUE(feed_pressure(350, 2920u, 3200u));
    TEST_ASSERT_TRUE(alarm_is_active(ALARM_OCCLUSION_DOWNSTREAM));
    TEST_ASSERT_EQUAL(ALARM_PRIO_HIGH, alarm_priority(ALARM_OCCLUSION_DOWNSTREAM));
    TEST_ASSERT_EQUAL(1u, g_hal.motor_stops);
}

/** @verifies SRS-020, RC-04 */
void test_single_pressure_spike_is_filtered(void)
{
    TEST_ASSERT_FALSE(feed_pressure(120, 0u, 1000u));
    for (uint32_t t = 1020u; t <= 5000u; t += 20u) {
        /* one spike every 100 ms, as seen when the set is squeezed */
        TEST_ASSERT_FALSE(occlusion_update(&s_occ, (t % 100u == 0u) ? 900 : 120, t));
    }
    TEST_ASSERT_FALSE(alarm_is_active(ALARM_OCCLUSION_DOWNSTREAM));
    TEST_ASSERT_EQUAL(0u, g_hal.motor_stops);
}

/** @verifies SRS-021, SRS-022, RC-05 */
void test_single_large_bubble_raises_air_in_line(void)
{
    TEST_ASSERT_FALSE(ail_update(&s_air, 20u, 1000u));
    TEST_ASSERT_TRUE(ail_update(&s_air, 60u, 2000u));
    TEST_ASSERT_TRUE(alarm_is_active(ALARM_AIR_IN_LINE));
    TEST_ASSERT_EQUAL(1u, g_hal.motor_stops);
}

/** @verifies SRS-021, RC-05 */
void test_accumulated_air_within_window_raises_air_in_line(void)
{
    bool raised = false;
    /* 45 uL every 30 s: 1035 uL after 11 min, inside the 15 min window */
    for (uint32_t t = 0u; t <= 690000u && !raised; t += 30000u) {
        raised = ail_update(&s_air, 45u, t);
    }
    TEST_ASSERT_TRUE(raised);
    TEST_ASSERT_TRUE(alarm_is_active(ALARM_AIR_IN_LINE));
}

/** @verifies SRS-023 */
void test_unacknowledged_medium_alarm_escalates_to_high(void)
{
    alarm_raise(ALARM_VTBI_NEAR_END, 0u);
    TEST_ASSERT_EQUAL(ALARM_PRIO_MEDIUM, alarm_tick(ALARM_ESCALATION_MS - 100u));
    TEST_ASSERT_EQUAL(ALARM_PRIO_HIGH, alarm_tick(ALARM_ESCALATION_MS));
}

/** @verifies SRS-024 */
void test_high_priority_alarm_is_annunciated_within_one_second(void)
{
    g_hal.now_ms = 5000u;
    alarm_raise(ALARM_AIR_IN_LINE, g_hal.now_ms);
    TEST_ASSERT_EQUAL(ALARM_PRIO_HIGH, g_hal.annunciated);
    TEST_ASSERT_TRUE(g_hal.annunciated_at_ms - 5000u < 1000u);
}

int main(void)
{
    UNITY_BEGIN();
    RUN_TEST(test_sustained_pressure_raises_occlusion_and_stops_motor);
    RUN_TEST(test_single_pressure_spike_is_filtered);
    RUN_TEST(test_single_large_bubble_raises_air_in_line);
    RUN_TEST(test_accumulated_air_within_window_raises_air_in_line);
    RUN_TEST(test_unacknowledged_medium_alarm_escalates_to_high);
    RUN_TEST(test_high_priority_alarm_is_annunciated_within_one_second);
    return UNITY_END();
}
