// Every component class Trove's sessions can hold, registered by name.

import { ComponentRegistry } from "../engine/component";
import { AccountPage } from "./account-page";
import { ActivityPage } from "./activity-page";
import { TableMomentPage } from "./table-moment";
import { DatabaseMomentPage } from "./database-moment";
import { TrashPage } from "./trash-page";
import { AppShell } from "./app-shell";
import { ConfirmDialog } from "./confirm";
import { ConflictDialog } from "./conflict";
import { ConstantsPage } from "./constants-page";
import { DerivedBuilder } from "./derived-builder";
import { DatabaseActions } from "./database-actions";
import { FormBuilder } from "./form-builder";
import { ImportPage } from "./import-page";
import { FormsPage } from "./forms-page";
import { MembersPage } from "./members-page";
import { RecordDetail } from "./record-detail";
import { LinkPicker } from "./link-picker";
import { PlaceChoice } from "./place-choice";
import { TablePage } from "./table-page";
import { TypeChange } from "./type-change";
import { FieldSetup } from "./field-setup";
import { TablesHome } from "./tables-home";

export const registry = new ComponentRegistry().register(AppShell, TablesHome, MembersPage, ConfirmDialog, TablePage, RecordDetail, TypeChange, FormsPage, FormBuilder, ConflictDialog, AccountPage, DatabaseActions, ImportPage, ActivityPage, TableMomentPage, TrashPage, DatabaseMomentPage, LinkPicker, PlaceChoice, FieldSetup, DerivedBuilder, ConstantsPage);

export { AppShell };
