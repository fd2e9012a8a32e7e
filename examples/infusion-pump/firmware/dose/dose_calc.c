/**
 * @file dose_calc.c
 * @brief Rate calculation and limit checks (DERS). All arithmetic is integer
 *        fixed point; intermediate products use 64 bits so that no
 *        programmable input can overflow.
 *
 * @unit SU-DOSE
 */
#include <stdio.h>

#include "dose_calc.h"

/** Upper bounds of the keypad entry fields (SRS-010 input ranges). */
#define DOSE_MAX_UG_KG_MIN_X100  100000u   /* 1000 ug/kg/min */
#define WEIGHT_MIN_G             300u      /* 0.3 kg neonate */
#define WEIGHT_MAX_G             350000u   /* 350 kg */

/**
 * rate [mL/h] = dose [ug/kg/min] * weight [kg] * 60 / concentration [ug/mL]
 *
 * In the fixed-point units of dose_order_t this is
 * rate_x10 = dose_x100 * weight_g * 6 / (1000 * concentration), rounded half up.
 *
 * @implements SRS-010
 */
ic_status_t dose_compute_rate(const dose_order_t *order, const drug_entry_t *drug, uint32_t *rate_ml_h_x10)
{
    if (order == NULL || drug == NULL || rate_ml_h_x10 == NULL || drug->concentration_ug_per_ml == 0u) {
        return IC_ERR_PARAM;
    }
    if (order->dose_ug_kg_min_x100 == 0u || order->dose_ug_kg_min_x100 > DOSE_MAX_UG_KG_MIN_X100 ||
        order->weight_g < WEIGHT_MIN_G || order->weight_g > WEIGHT_MAX_G) {
        return IC_ERR_PARAM;
    }
    uint64_t num = (uint64_t)order->dose_ug_kg_min_x100 * order->weight_g * 6u;
    uint64_t den = 1000u * (uint64_t)drug->concentration_ug_per_ml;
    uint64_t rate = (num + den / 2u) / den;
    if (rate > UINT32_MAX) {
        return IC_ERR_HARD_LIMIT;
    }
    *rate_ml_h_x10 = (uint32_t)rate;
    return IC_OK;
}

/**
 * Limit checks in order of precedence: mechanism maximum, drug hard limit
 * (never overridable), drug soft limit (needs explicit confirmation).
 *
 * @implements SRS-011, SRS-012, SRS-013
 * @mitigates RC-01, RC-02
 */
ic_status_t dose_check_limits(uint32_t rate_ml_h_x10, const drug_entry_t *drug, bool clinician_confirmed)
{
    if (drug == NULL || rate_ml_h_x10 == 0u) {
        return IC_ERR_PARAM;
    }
    if (rate_ml_h_x10 > PUMP_MAX_RATE_ML_H_X10 || rate_ml_h_x10 > drug->hard_max_rate_ml_h_x10) {
        return IC_ERR_HARD_LIMIT;
    }
    if (rate_ml_h_x10 > drug->soft_max_rate_ml_h_x10 && !clinician_confirmed) {
        return IC_NEEDS_CONFIRMATION;
    }
    return IC_OK;
}

/**
 * Full programming step used by the UI task: look the drug up in the active
 * library, compute the rate and apply every limit. The rate is only written
 * to *rate_ml_h_x10 when the order may run.
 *
 * @implements SRS-010, SRS-011, SRS-012
 * @mitigates RC-01
 */
ic_status_t dose_program(const dose_order_t *order, bool clinician_confirmed, uint32_t *rate_ml_h_x10)
{
    if (order == NULL || rate_ml_h_x10 == NULL) {
        return IC_ERR_PARAM;
    }
    if (!druglib_is_valid()) {
        return IC_ERR_LIBRARY_CORRUPT;
    }
    const drug_entry_t *drug = druglib_find(order->drug_id);
    if (drug == NULL) {
        return IC_ERR_NOT_FOUND;
    }
    uint32_t rate = 0u;
    ic_status_t st = dose_compute_rate(order, drug, &rate);
    if (st != IC_OK) {
        return st;
    }
    st = dose_check_limits(rate, drug, clinician_confirmed);
    if (st != IC_OK) {
        return st;
    }
    *rate_ml_h_x10 = rate;
    return IC_OK;
}

/**
 * Remaining infusion time shown on the run screen and sent in telemetry.
 * @return seconds, or UINT32_MAX when the rate is zero.
 * @implements SRS-010
 */
uint32_t dose_time_remaining_s(uint32_t vtbi_ml_x10, uint32_t rate_ml_h_x10)
{
    if (rate_ml_h_x10 == 0u) {
        return UINT32_MAX;
    }
    return (uint32_t)(((uint64_t)vtbi_ml_x10 * 3600u) / rate_ml_h_x10);
}

/**
 * Formats an order for the service-port console ("dose?" command).
 * @untraced Service-port diagnostic formatter; its output never feeds a therapy path (SDD section 7.3, reviewed in CR-118).
 */
int dose_debug_format(const dose_order_t *order, uint32_t rate_ml_h_x10, char *buf, size_t len)
{
    if (order == NULL || buf == NULL || len == 0u) {
        return -1;
    }
    return snprintf(buf, len, "drug=%u dose=%lu.%02lu ug/kg/min weight=%lu g rate=%lu.%lu mL/h",
                    (unsigned)order->drug_id,
                    (unsigned long)(order->dose_ug_kg_min_x100 / 100u),
                    (unsigned long)(order->dose_ug_kg_min_x100 % 100u),
                    (unsigned long)order->weight_g,
                    (unsigned long)(rate_ml_h_x10 / 10u),
                    (unsigned long)(rate_ml_h_x10 % 10u));
}
