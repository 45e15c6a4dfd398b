import { firstWeekdayOnOrAfter, londonUtcOffset } from "~/calendar";
import { accessibilityFeatures, transportOptions, weekdays } from "../options";
import { hhmm } from "../schedule";
import { ids } from "./ids";
import { labelOf } from "~/labels";

// Directory rows → Open Referral UK 3.0 objects. Only what a public listing shows: no lead or volunteer, no
// contact person's name, nothing about who was referred. Absent values are left out rather than sent as null,
// since the schema types them as strings and numbers.

export interface OrukActivityRow {
  id: string;
  name: string;
  description: string;
  category_code: string;
  category_label: string;
  taxonomy: string;
  taxonomy_term: string;
  address: string | null;
  postcode: string | null;
  district_name: string | null;
  district_area: string | null;
  cost: string | null;
  free: boolean;
  accessibility: string[];
  min_age: number | null;
  max_age: number | null;
  eligibility: string | null;
  transport: string[];
  transport_zones: string[];
  referral_mode: string;
  contact_email: string | null;
  last_checked_on: string;
  status: string;
  updated_at: Date;
  provider_id: string;
  provider_name: string;
  provider_description: string | null;
  provider_email: string | null;
  provider_website: string | null;
}

export interface OrukScheduleRow {
  id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  valid_from: string;
  valid_to: string | null;
}

export interface OrukOneOffRow {
  id: string;
  session_date: string;
  start_time: string;
  end_time: string;
}

const statusMap: Record<string, string> = { active: "active", paused: "temporarily closed", closed: "inactive" };
const byday = ["", "MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/** Drops undefined and null members so optional schema fields are simply absent. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}

function organization(
  r: Pick<
    OrukActivityRow,
    "provider_id" | "provider_name" | "provider_description" | "provider_email" | "provider_website"
  >,
) {
  return compact({
    id: r.provider_id,
    name: r.provider_name,
    description: r.provider_description ?? "",
    email: r.provider_email ?? undefined,
    website: r.provider_website ?? undefined,
  });
}

export function taxonomy(name: string) {
  return {
    id: ids.taxonomy(name),
    name,
    description: taxonomyDescriptions[name] ?? `Terms from the ${name} vocabulary`,
  };
}

const taxonomyDescriptions: Record<string, string> = {
  esdServiceType: "LGA Electronic Service Delivery service types",
  esdNeed: "LGA Electronic Service Delivery needs",
  esdCircumstance: "LGA Electronic Service Delivery circumstances",
  openActiveActivity: "OpenActive activity list (exercise, sport and physical activity)",
};

export function taxonomyTerm(c: { code: string; label: string; taxonomy: string; taxonomy_term: string }) {
  return {
    id: ids.term(c.code),
    name: c.label,
    description: c.taxonomy_term,
    taxonomy: c.taxonomy,
    taxonomy_id: ids.taxonomy(c.taxonomy),
    term: c.taxonomy_term,
  };
}

function eligibilityText(r: OrukActivityRow) {
  const parts = [r.description];
  if (r.eligibility) parts.push(`Who it suits: ${r.eligibility}`);
  if (r.transport.length) {
    const zones = r.transport_zones.length ? ` (zones: ${r.transport_zones.join(", ")})` : "";
    parts.push(`Getting there: ${r.transport.map((t) => labelOf(transportOptions, t)).join(", ")}${zones}`);
  }
  parts.push(
    r.referral_mode === "direct" ? "Takes referrals from social prescribers." : "Signposting: get in touch directly.",
  );
  return parts.join("\n\n");
}

export function serviceSummary(r: OrukActivityRow) {
  return compact({
    id: r.id,
    organization_id: r.provider_id,
    name: r.name,
    description: eligibilityText(r),
    email: r.contact_email ?? r.provider_email ?? undefined,
    url: r.provider_website ?? undefined,
    status: statusMap[r.status] ?? "inactive",
    fees: r.free ? "Free" : (r.cost ?? undefined),
    minimum_age: r.min_age ?? undefined,
    maximum_age: r.max_age ?? undefined,
    assured_date: r.last_checked_on,
    last_modified: r.updated_at.toISOString(),
    organization: organization(r),
  });
}

function splitAddress(address: string) {
  const parts = address
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return { line: address.trim(), city: address.trim() };
  return { line: parts.slice(0, -1).join(", "), city: parts[parts.length - 1] };
}

function location(r: OrukActivityRow) {
  const locationId = ids.location(r.id);
  const addresses =
    r.address && r.postcode
      ? [
          {
            id: ids.address(r.id),
            location_id: locationId,
            address_1: splitAddress(r.address).line,
            city: splitAddress(r.address).city,
            state_province: r.district_area ?? "Leicestershire",
            postal_code: r.postcode,
            country: "GB",
            address_type: "physical",
          },
        ]
      : [];
  return compact({
    id: locationId,
    location_type: "physical",
    name: r.address ? splitAddress(r.address).line : r.name,
    addresses,
    accessibility: r.accessibility.map((code) => ({
      id: ids.accessibility(r.id, code),
      location_id: locationId,
      accessibility: code,
      description: labelOf(accessibilityFeatures, code),
    })),
  });
}

/** Only listings with a venue have a service-at-location; phone-based services have none. */
const hasVenue = (r: Pick<OrukActivityRow, "address">) => Boolean(r.address);

export function serviceAtLocationSummary(r: OrukActivityRow) {
  return {
    id: ids.serviceAtLocation(r.id),
    service_id: r.id,
    location_id: ids.location(r.id),
    location: location(r),
    service: serviceSummary(r),
  };
}

/** Where the feed says how its times are meant (schedules give UK wall-clock times). */
const UK_TIME_NOTE = "Times are UK time (Europe/London): GMT in winter, BST (UTC+01:00) in summer.";

/**
 * A UK wall-clock time as the standard asks for opens_at and closes_at: 'HH:MM' with the offset from UTC in force
 * on `date` ("10:30+01:00" on a summer date, "10:30+00:00" in winter).
 */
function ukTime(date: string, time: string): string {
  return `${hhmm(time)}${londonUtcOffset(date, time)}`;
}

/**
 * A weekly slot as an ORUK schedule, or null when it has no session at all (its last date comes before its first
 * session day). `dtstart` is the first session: the first date on or after `valid_from` that falls on the slot's
 * weekday, since calendar software shows an event on DTSTART whatever BYDAY says (RFC 5545 §3.8.5.3). Times carry
 * the UK offset in force on that first session; `notes` says they are UK wall-clock times all year.
 */
function schedule(serviceId: string, s: OrukScheduleRow) {
  const dtstart = firstWeekdayOnOrAfter(s.valid_from, s.weekday);
  if (s.valid_to !== null && dtstart > s.valid_to) return null;
  return compact({
    id: s.id,
    service_id: serviceId,
    valid_from: s.valid_from,
    valid_to: s.valid_to ?? undefined,
    dtstart,
    freq: "WEEKLY",
    interval: 1,
    byday: byday[s.weekday],
    opens_at: ukTime(dtstart, s.start_time),
    closes_at: ukTime(dtstart, s.end_time),
    description: `Every ${weekdays[s.weekday as keyof typeof weekdays]}, ${hhmm(s.start_time)} to ${hhmm(s.end_time)}`,
    attending_type: "in_person",
    notes: UK_TIME_NOTE,
  });
}

function oneOffSchedule(serviceId: string, s: OrukOneOffRow) {
  return {
    id: s.id,
    service_id: serviceId,
    valid_from: s.session_date,
    valid_to: s.session_date,
    dtstart: s.session_date,
    opens_at: ukTime(s.session_date, s.start_time),
    closes_at: ukTime(s.session_date, s.end_time),
    description: `On ${s.session_date}, ${hhmm(s.start_time)} to ${hhmm(s.end_time)}`,
    notes: UK_TIME_NOTE,
  };
}

export function serviceFull(r: OrukActivityRow, schedules: OrukScheduleRow[], oneOffs: OrukOneOffRow[]) {
  const term = taxonomyTerm({
    code: r.category_code,
    label: r.category_label,
    taxonomy: r.taxonomy,
    taxonomy_term: r.taxonomy_term,
  });
  return {
    ...serviceSummary(r),
    schedules: [...schedules.flatMap((s) => schedule(r.id, s) ?? []), ...oneOffs.map((s) => oneOffSchedule(r.id, s))],
    service_areas: r.district_name
      ? [
          {
            id: ids.area(r.id),
            service_id: r.id,
            name: r.district_name,
            extent_type: "district",
            service_area: r.district_name,
          },
        ]
      : [],
    service_at_locations: hasVenue(r)
      ? [{ id: ids.serviceAtLocation(r.id), service_id: r.id, location_id: ids.location(r.id), location: location(r) }]
      : [],
    cost_options: [
      compact({
        id: ids.cost(r.id),
        service_id: r.id,
        option: r.free ? "Free" : "Charge",
        amount: r.free ? 0 : undefined,
        amount_description: r.free ? "Free" : (r.cost ?? undefined),
      }),
    ],
    attributes: [
      {
        id: ids.attribute(r.id, r.category_code),
        link_id: r.id,
        taxonomy_term_id: term.id,
        link_type: "service",
        taxonomy_term: term,
      },
    ],
    languages: [],
    funding: [],
    contacts: [],
  };
}
