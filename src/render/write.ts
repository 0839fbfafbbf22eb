/**
 * The terms put into words: one document per language, the same blocks for Markdown and HTML.
 * Section order follows a service agreement: parties and term, definitions (calendars, clocks),
 * priorities and targets, escalation, availability, credits and claims, checked properties.
 */
import type * as A from '../ast/nodes.js';
import { clockRoles } from '../check/rules/clocks.js';
import type { AssertCheck } from '../time/asserts.js';
import type { Block, Document, Inline, Text } from './document.js';
import { holidayName, regionName } from './holiday-names.js';
import { hasOfficialSchedule } from '../time/cn-official.js';
import { WORST_CASE_BUDGET } from '../time/worst-case.js';
import type { CalendarTerms, Closure, DayRun, PlanTerms, TargetTerms, Terms, WorstTerms } from './terms.js';
import { PERIOD_DAYS, type TargetCalendar, type Words } from './words.js';

const isoDate = (d: Pick<A.DateLit, 'year' | 'month' | 'day'>): string => new Date(Date.UTC(d.year, d.month - 1, d.day)).toISOString().slice(0, 10);
const yearOf = (iso: string): number => Number(iso.slice(0, 4));

/** Builds the blocks; one instance per rendering. */
class Writer {
  private readonly blocks: Block[] = [];
  private section = 0;
  private readonly roles: ReturnType<typeof clockRoles>;
  private readonly calendars: ReadonlyMap<string, CalendarTerms>;

  constructor(
    private readonly terms: Terms,
    private readonly w: Words,
  ) {
    this.roles = clockRoles(terms.model);
    this.calendars = new Map(terms.calendars.map((c) => [c.name, c]));
  }

  private push(...blocks: Block[]): void {
    this.blocks.push(...blocks);
  }
  private heading(title: string): void {
    this.section += 1;
    this.push({ kind: 'heading', level: 2, text: [this.w.section(this.section, title)] });
  }
  private sub(text: Text): void {
    this.push({ kind: 'heading', level: 3, text });
  }
  private para(...text: Inline[]): void {
    this.push({ kind: 'paragraph', text });
  }
  private note(...text: Inline[]): void {
    this.push({ kind: 'note', text });
  }
  private list(items: readonly Text[]): void {
    if (items.length) this.push({ kind: 'list', items });
  }

  // Names ----------------------------------------------------------------------------------

  private calendarLabel(name: string): string {
    const decl = this.terms.model.calendars.get(name);
    return decl?.title?.value ?? name;
  }
  private targetCalendar(name: string): TargetCalendar {
    return { aroundTheClock: this.calendars.get(name)?.aroundTheClock ?? false, label: this.calendarLabel(name) };
  }
  private role(clock: string): 'response' | 'resolution' | undefined {
    return this.roles.response?.name === clock ? 'response' : this.roles.resolution?.name === clock ? 'resolution' : undefined;
  }
  private clockName(clock: string): string {
    return this.w.clockName(clock, this.role(clock));
  }
  private clockNoun(clock: string): string {
    return this.w.clockNoun(clock, this.role(clock));
  }
  /** What a per-breach credit is for: a clock's target, or `update` (the `update every` promise). */
  private creditTarget(clock: string): string {
    return clock === 'update' ? this.w.updateMissed : this.clockName(clock);
  }
  private money(amount: number): string | undefined {
    const fee = this.terms.monthlyFee;
    return fee ? this.w.money(amount, fee.currency) : undefined;
  }
  private feeShare(percent: number): string | undefined {
    const fee = this.terms.monthlyFee;
    return fee ? this.money((fee.amount * percent) / 100) : undefined;
  }
  private instant(t: number, zone: string): string {
    return this.w.instant(t, zone, this.terms.manyZones);
  }

  // Sections -------------------------------------------------------------------------------

  run(): Document {
    const { model } = this.terms;
    const title = model.sla?.title.value ?? this.w.untitled;
    this.push({ kind: 'heading', level: 1, text: [title] });
    this.para(this.w.kind);
    this.note(this.w.sourceNote);
    this.parties();
    this.definitions();
    this.priorities();
    this.escalation();
    this.availability();
    this.credits();
    this.asserts();
    return { title, language: this.w.htmlLang, blocks: this.blocks };
  }

  private parties(): void {
    const { model } = this.terms;
    const w = this.w;
    const items: Text[] = [];
    for (const s of model.sla?.body ?? []) {
      if (s.kind === 'Party') {
        const provider = s.role === 'provider';
        items.push([{ strong: provider ? w.provider : w.customer }, w.colon, w.party(s.name.value, provider ? w.providerShort : w.customerShort)]);
      }
    }
    if (model.term) items.push([{ strong: w.termLabel }, w.colon, w.term(w.longDate(isoDate(model.term.from)), w.longDate(isoDate(model.term.to)))]);
    if (model.fee) {
      const monthly = model.fee.period !== 'monthly' && this.terms.monthlyFee ? this.money(this.terms.monthlyFee.amount) : undefined;
      items.push([{ strong: w.feeLabel }, w.colon, w.fee(w.money(model.fee.amount.value, model.fee.currency.text), model.fee.period, monthly)]);
    }
    if (items.length === 0) return;
    this.heading(w.partiesHeading);
    this.list(items);
  }

  private definitions(): void {
    const w = this.w;
    this.heading(w.definitionsHeading);
    this.para(w.definitionsText);
    if (this.terms.calendars.length) {
      this.sub([w.calendarsHeading]);
      for (const cal of this.terms.calendars) this.calendar(cal);
    }
    const clocks = [...this.terms.model.clocks.values()];
    if (clocks.length) {
      this.sub([w.clocksHeading]);
      this.list(
        clocks.map((c) => {
          const actions: A.ClockAction[] = ['starts', 'pauses', 'resumes', 'stops', 'restarts'];
          const rules = actions.filter((a) => c.on[a].length).map((a) => w.clockRule(a, w.list(c.on[a].map((e) => w.event(e.text)))));
          return [{ strong: this.clockName(c.name) }, w.colon, w.clockSentence(rules)];
        }),
      );
      this.para(w.reclassify(this.terms.model.reclassify));
    }
  }

  private calendar(cal: CalendarTerms): void {
    const w = this.w;
    const { decl } = cal;
    const title = decl.title?.value;
    this.para({ strong: w.calendarHeading(w.quote(title ?? cal.name)) }, title ? w.paren(cal.name) : '');
    const hours = decl.body.filter((s): s is A.HoursStmt => s.kind === 'Hours');
    const items: Text[] = [[w.zoneLabel, w.colon, cal.zone]];
    const hoursText = cal.aroundTheClock ? w.aroundTheClock : hours.length ? hours.map((h) => w.hoursLine(w.days(h.days), h.ranges.map(w.timeRange).join(', '))).join('; ') : w.noHours;
    items.push([w.hoursLabel, w.colon, hoursText]);
    const term = this.terms.model.term;
    for (const s of decl.body) {
      if (s.kind === 'HolidaysFile') {
        const f = cal.files.find((x) => x.stmt === s);
        const span = !term && f?.first && f.last ? { first: w.longDate(f.first), last: w.longDate(f.last) } : undefined;
        items.push([w.holidaysFileLabel, w.colon, w.holidaysFile(w.quote(s.file.value), f?.closes ?? 0, f?.opens ?? 0, span)]);
        continue;
      }
      if (s.kind !== 'Holidays') continue;
      const official = this.officialYears(s);
      items.push([
        w.holidaysLabel,
        w.colon,
        w.holidays(regionName(s.region.value, w.lang), s.region.value, s.types.length ? s.types.map((t) => t.text) : undefined) + (official ? w.holidaysOfficial(official) : ''),
      ]);
    }
    this.list(items);
    if (!term) return;
    const from = w.longDate(isoDate(term.from));
    const to = w.longDate(isoDate(term.to));
    if (cal.runs.length === 0) {
      if (!cal.aroundTheClock) this.para(w.noExceptions(from, to));
    } else {
      this.para(w.exceptionsIntro(from, to));
      this.push({ kind: 'table', head: w.exceptionHead.map((h) => [h]), rows: cal.runs.map((r) => this.dayRunRow(r)) });
    }
    if (cal.notClosing.length) {
      const name = (h: (typeof cal.notClosing)[number]) => (h.type === 'file' ? w.fileEvent(h.name, w.quote(h.region), h.line ?? 0) : holidayName(h.region, yearOf(h.date), h.name, w.lang));
      this.note(w.notClosing(cal.notClosing.map((h) => w.notClosingItem(name(h), w.dayRun(h.date, h.date), h.why as 'group-only' | 'part-day' | 'official'))));
    }
  }

  /**
   * The years of the term for which China's official schedule decides `holidays "CN"` (language
   * reference, "China's official schedule"), as `2026` or `2024–2026`; undefined when none does.
   */
  private officialYears(s: A.HolidaysStmt): string | undefined {
    const region = s.region.value;
    const term = this.terms.model.term;
    if (!term || (region !== 'CN' && !region.startsWith('CN-')) || (s.types.length > 0 && !s.types.some((t) => t.text === 'public'))) return undefined;
    const years: number[] = [];
    for (let y = term.from.year; y <= term.to.year && years.length <= 100; y++) if (hasOfficialSchedule(y)) years.push(y);
    if (years.length === 0) return undefined;
    const first = years[0]!;
    const last = years[years.length - 1]!;
    return first === last ? this.w.yearText(first) : this.w.yearRange(first, last);
  }

  private dayRunRow(r: DayRun): Text[] {
    const w = this.w;
    const s = r.source;
    const date = [w.dayRun(r.from, r.to)];
    switch (s.kind) {
      case 'closed':
        return [date, [w.closedAllDay], [w.closedLine(s.stmt.reason?.value)]];
      case 'holiday':
        if (s.holiday.type === 'file') return [date, [w.closedAllDay], [w.fileHolidayReason(s.holiday.name, w.quote(s.holiday.region), s.holiday.line ?? 0)]];
        return [date, [w.closedAllDay], [w.holidayReason(holidayName(s.holiday.region, yearOf(r.from), s.holiday.name, w.lang))]];
      case 'open':
        return [date, [s.stmt.ranges.map(w.timeRange).join(', ')], [w.openLine(s.stmt.reason?.value)]];
      case 'workday':
        if (s.holiday.type === 'file') return [date, [w.weekdayHours], [w.fileWorkday(s.holiday.name, w.quote(s.holiday.region), s.holiday.line ?? 0)]];
        return [date, [w.weekdayHours], [w.officialWorkday(holidayName(s.holiday.region, yearOf(r.from), s.holiday.name, w.lang), s.holiday.source ?? '')]];
      default: {
        const never: never = s;
        throw new Error(`unexpected day source ${JSON.stringify(never)}`);
      }
    }
  }

  private priorities(): void {
    const w = this.w;
    const { model } = this.terms;
    if (model.priorities.length === 0) return;
    this.heading(w.prioritiesHeading);
    this.sub([w.levelsHeading]);
    this.push({
      kind: 'table',
      head: w.levelsHead.map((h) => [h]),
      rows: model.priorities.map((p) => [
        [p.name],
        [p.decl.title?.value ?? ''],
        [p.decl.body.find((s): s is A.MeansStmt => s.kind === 'Means')?.text.value ?? ''],
        [p.update ? w.update(w.target(p.update.every, this.targetCalendar(p.update.calendar.text))) : w.noUpdate],
      ]),
    });
    for (const plan of this.terms.plans) this.plan(plan);
    const weekly = this.terms.plans.some((p) => p.levels.some((l) => l.targets.some((t) => t.worst?.kind === 'weekly')));
    const undecided = this.terms.plans.some((p) => p.levels.some((l) => l.targets.some((t) => t.worst?.kind === 'weekly' && t.worst.undecided)));
    this.note(weekly && !undecided ? w.worstNoteWeekly : w.worstNote);
    if (undecided) this.note(w.worstNoteUndecided(WORST_CASE_BUDGET.toLocaleString('en-US')));
  }

  private plan(plan: PlanTerms): void {
    const w = this.w;
    const decl = plan.decl;
    if (!decl) this.sub([w.targetsHeading]);
    else {
      const label = (d: A.PlanDecl) => w.quote(d.title?.value ?? d.name.text);
      this.sub([w.planHeading(label(decl)), decl.title ? w.paren(decl.name.text) : '']);
      const channels = decl.body.filter((s): s is A.ChannelStmt => s.kind === 'Channel').flatMap((s) => s.channels.map((c) => c.value));
      if (channels.length) this.para(w.planChannels(w.list(channels)));
      const parent = decl.parent ? this.terms.model.plans.get(decl.parent.text)?.decl : undefined;
      if (parent) this.para(w.planExtends(label(parent)));
    }
    this.push({
      kind: 'table',
      head: w.targetsHead.map((h) => [h]),
      rows: plan.levels.flatMap((l) => l.targets.map((t, i) => [[i === 0 ? l.priority.name : ''], [this.clockName(t.clock)], [w.target(t.duration, this.targetCalendar(t.calendar))], [this.worst(t)]])),
    });
  }

  private closure(c: Closure): string {
    if (c.kind === 'closed') return this.w.closureClosed(c.stmt.reason?.value, this.w.longDate(isoDate(c.stmt.from)));
    return this.w.closureHoliday(c.file ? c.name : holidayName(c.region, yearOf(c.date), c.name, this.w.lang));
  }

  private worst(t: TargetTerms): string {
    const w = this.w;
    const worst: WorstTerms | undefined = t.worst;
    if (!worst) return '';
    switch (worst.kind) {
      case 'never':
        return w.never;
      case 'weekly':
        return w.worstWeekly(w.realDuration(worst.wall));
      case 'exact': {
        const real = w.realDuration(worst.wall);
        if (worst.uniform) return w.worstUniform(real);
        const filed = this.instant(worst.filed, worst.zone);
        return worst.closure ? w.worstBefore(real, filed, this.closure(worst.closure), worst.atClose) : w.worstAt(real, filed);
      }
      default: {
        const never: never = worst;
        throw new Error(`unexpected worst case ${JSON.stringify(never)}`);
      }
    }
  }

  private escalation(): void {
    const w = this.w;
    const { model } = this.terms;
    if (model.escalations.length === 0 && model.contacts.size === 0) return;
    this.heading(w.escalationHeading);
    for (const e of model.escalations) {
      const priorities = e.priorities.length ? w.list(e.priorities.map((p) => p.text)) : undefined;
      this.para(w.escalationFor(e.title?.value, priorities));
      this.list(
        e.steps.map((s) => {
          const who = w.list(s.notify.map((n) => n.value));
          const clock = this.clockNoun(s.clock.text);
          return [s.at.kind === 'Percent' ? w.stepShare(w.percent(s.at.value), clock, who) : w.stepTime(w.openAmount(s.at), clock, who)];
        }),
      );
    }
    if (model.contacts.size) {
      this.para(w.contactsLabel);
      this.list([...model.contacts.values()].map((c) => [w.contact(c.name.value, w.quote(this.calendarLabel(c.calendar.text)), c.via?.value)]));
      this.note(w.undeclaredContacts);
    }
  }

  private availability(): void {
    const w = this.w;
    const a = this.terms.model.availability;
    if (!a) return;
    this.heading(w.availabilityHeading);
    this.para(w.availability(w.percent(a.target.value), a.period));
    this.para(w.availabilityFormula(a.period));
    const days = PERIOD_DAYS(a.period);
    const minutes = ((100 - a.target.value) / 100) * days * 1440;
    this.note(w.allowance(String(Number(minutes.toFixed(2))), days, a.period));
    this.list(
      a.body.map((m) => {
        const zone = this.calendars.get(m.calendar.text)?.zone ?? '';
        return [w.maintenance(m.excluded, w.days(m.days), w.timeRange(m.window), w.quote(this.calendarLabel(m.calendar.text)), zone)];
      }),
    );
  }

  private credits(): void {
    const w = this.w;
    const c = this.terms.credits;
    if (!c) return;
    this.heading(w.creditsHeading);
    const fee = this.terms.monthlyFee;
    this.para(w.creditsIntro(fee ? w.money(fee.amount, fee.currency) : undefined));
    if (c.breach.length) {
      this.push({
        kind: 'table',
        head: w.breachHead.map((h) => [h]),
        rows: c.breach.map((b) => {
          const a = b.amount;
          if (b.perLate) {
            // Graded by lateness: the step per started unit, and the limit, in the form written.
            const form = (x: A.PercentLit | A.MoneyLit, fee: boolean) => (x.kind === 'Percent' ? (fee ? w.ofFee(w.percent(x.value)) : w.percent(x.value)) : w.money(x.amount.value, x.currency.text));
            return [[b.priority.text], [this.creditTarget(b.clock.text)], [w.graded(form(a, true), b.perLate.text, b.upTo && form(b.upTo, b.upTo.kind === 'Percent'))], [a.kind === 'Percent' ? (this.feeShare(a.value) ?? '') : '']];
          }
          if (a.kind === 'Percent') return [[b.priority.text], [this.creditTarget(b.clock.text)], [w.ofFee(w.percent(a.value))], [this.feeShare(a.value) ?? '']];
          // A fixed amount: the amount, then its share of the month's fee (the share the cap counts).
          const share = fee ? w.ofFee(w.percent(Math.round((a.amount.value / fee.amount) * 10_000) / 100)) : '';
          return [[b.priority.text], [this.creditTarget(b.clock.text)], [w.money(a.amount.value, a.currency.text)], [share]];
        }),
      });
      this.note(w.perTicket);
      if (c.breach.some((b) => b.clock.text === 'update')) this.note(w.updateOnce);
    }
    if (c.tiers.length) {
      const sorted = [...c.tiers].sort((a, b) => b.below.value - a.below.value);
      this.push({
        kind: 'table',
        head: w.tiersHead.map((h) => [h]),
        rows: sorted.map((t) => [
          [t.from ? w.tierFrom(w.percent(t.from.value), w.percent(t.below.value)) : w.tierBelow(w.percent(t.below.value))],
          [w.ofFee(w.percent(t.amount.value))],
          [this.feeShare(t.amount.value) ?? ''],
        ]),
      });
      this.note(w.tiersNote);
    }
    this.para(c.cap ? w.cap(w.percent(c.cap.amount.value), c.cap.period, this.feeShare(c.cap.amount.value)) : c.rollingCap ? '' : w.noCap);
    if (c.rollingCap?.rolling) this.para(w.rollingCap(w.percent(c.rollingCap.amount.value), c.rollingCap.rolling.value));
    if (c.example) {
      this.sub([w.exampleHeading]);
      const tier = c.example.lines.find((l) => l.kind === 'availability');
      this.para(w.exampleIntro(tier && tier.kind === 'availability' ? w.percent(tier.availability) : undefined));
      const items: Text[] = c.example.lines.map((l) =>
        l.kind === 'breach'
          ? [w.exampleBreach(l.priority, l.clock === 'update' ? w.updateNoun : this.clockNoun(l.clock), w.percent(l.percent), this.feeShare(l.percent))]
          : [w.exampleTier(w.percent(l.availability), w.percent(l.percent), this.feeShare(l.percent))],
      );
      items.push([w.exampleTotal(w.percent(c.example.total), this.feeShare(c.example.total))]);
      if (c.example.capped < c.example.total && c.cap) items.push([w.exampleCapped(w.percent(c.cap.amount.value), w.percent(c.example.capped), this.feeShare(c.example.capped))]);
      this.list(items);
      const owed = this.feeShare(c.example.capped);
      if (owed) this.para({ strong: w.exampleResult(owed) });
    }
    this.sub([w.claimHeading]);
    if (!c.claim) this.para(w.noClaim);
    else {
      const within = c.claim.within;
      this.para(within.kind === 'Cycles' ? w.claimCycles(within.count.value) : w.claimDays(w.claimWithin(within)));
      if (c.claimExample) this.para(w.claimExample(w.month(c.claimExample.month.year, c.claimExample.month.month), w.longDate(c.claimExample.by)));
    }
  }

  private asserts(): void {
    const w = this.w;
    const { model } = this.terms;
    if (model.asserts.length === 0) return;
    this.heading(w.assertsHeading);
    this.para(w.assertsIntro(model.plans.size > 0));
    for (const decl of model.asserts) {
      this.para({ strong: w.quote(decl.title.value) });
      const checks = this.terms.asserts.filter((c) => c.assert === decl.title.value);
      this.list(checks.map((c) => [this.assertStatement(c), w.colon, this.assertResult(c)]));
    }
  }

  private assertStatement(c: AssertCheck): string {
    const w = this.w;
    const s = c.statement;
    const calendar = this.terms.model.priorityByName.get(c.priority)?.targets.get(c.clock)?.calendar.text;
    const bound = s.wall
      ? w.boundWall(w.written(s.bound))
      : w.target(s.bound, calendar ? this.targetCalendar(calendar) : { aroundTheClock: false, label: '' });
    const under = s.under.length ? w.list(s.under.map((e) => w.event(e.text))) : undefined;
    return w.assertStatement(c.priority, this.clockNoun(c.clock), bound, s.excludingPauses, under);
  }

  private assertResult(c: AssertCheck): Inline {
    const w = this.w;
    if (c.problem && !c.worst) return w.cannotDecide(c.problem);
    const calendar = this.terms.model.priorityByName.get(c.priority)?.targets.get(c.clock)?.calendar.text;
    const zone = (calendar && this.calendars.get(calendar)?.zone) ?? this.terms.calendars[0]?.zone ?? 'UTC';
    if (c.passed) return c.search ? w.holdsSearched(c.search.runs, c.search.seed) : w.holds;
    const worst = c.worst!;
    const filed = this.instant(worst.filed, zone);
    const text = c.search
      ? w.failsSearched(filed, w.realDuration(worst.wall), c.events?.length ?? 0)
      : c.statement.wall
        ? w.failsWorst(filed, w.realDuration(worst.wall))
        : w.failsLater(filed, this.instant(worst.due, zone));
    return { strong: text };
  }
}

/**
 * The terms as a document in one language.
 * @example writeTerms(buildTerms(runtime), WORDS.zh).blocks[0]
 */
export function writeTerms(terms: Terms, words: Words): Document {
  return new Writer(terms, words).run();
}
