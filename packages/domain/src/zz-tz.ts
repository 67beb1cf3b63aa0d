import { toShanghaiDate, startOfShanghaiDay, shanghaiToday } from './dates.ts';
console.log(process.env.TZ, new Date(0).getTimezoneOffset(), toShanghaiDate(new Date('2026-12-31T16:00:00Z')), startOfShanghaiDay('2027-01-01').toISOString(), shanghaiToday(new Date('2024-02-28T16:30:00Z')));
