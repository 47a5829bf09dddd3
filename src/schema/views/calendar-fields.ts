// Which fields a calendar (page or feed) of a view uses: the date field (the calendar
// display's, else the view's first visible date field), the field that titles each event
// (chosen, else the first visible field) and the one that describes it (chosen, else none).
// A field deleted or no longer a date since the view was saved is simply not used.

import { type Field, liveFields, type Table } from "../model";
import { type CalendarDisplay, displayOf } from "./display";
import { type ViewDefinition, visibleFields } from "./view";

export interface CalendarFields {
  visible: Field[];
  date: Field | undefined;
  title: Field | undefined;
  description: Field | undefined;
}

export function calendarFields(table: Table, view: ViewDefinition): CalendarFields {
  const live = liveFields(table);
  const visible = visibleFields(table, view);
  const display = displayOf(view);
  const chosen = display.kind === "calendar" ? (display as CalendarDisplay) : undefined;
  const byId = (id: string | null | undefined) => (id ? live.find((f) => f.id === id) : undefined);
  const chosenDate = byId(chosen?.fieldId);
  const date = chosenDate?.type === "date" ? chosenDate : visible.find((f) => f.type === "date") ?? live.find((f) => f.type === "date");
  return {
    visible,
    date,
    title: byId(chosen?.titleFieldId) ?? visible.find((f) => f.id !== date?.id) ?? visible[0],
    description: byId(chosen?.descriptionFieldId),
  };
}
