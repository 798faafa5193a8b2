/* tc-i386-afterburn.c -- mark virtualization-sensitive x86 instructions.
   Copyright (C) 2026 The Afterburn authors.

   This file is part of the Afterburn fork of GAS, the GNU Assembler.

   GAS is free software; you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation; either version 3, or (at your option)
   any later version.

   GAS is distributed in the hope that it will be useful, but WITHOUT
   ANY WARRANTY; without even the implied warranty of MERCHANTABILITY
   or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU General Public
   License for more details.  */

/* This file is #included at the end of tc-i386.c, so that it sees the
   encoder's statics without widening tc-i386.c's interface.  Two ways in:

   - md_assemble calls afterburn_begin_insn and afterburn_end_insn around
     output_insn.  The bytes output_insn emitted are decoded with the
     project's one decoder (afterburn/decode.h, driven by kinds.def), so
     every spelling of an instruction -- suffixes, %dx forms, prefixes on
     their own line, Intel syntax, macros, .code16/.code32/.code64 --
     gives the same site record.  Only symbolic operands (a port, vector
     or displacement naming a symbol) come from the parsed operands.

   - `.byte' statements in executable 32/64-bit code (afterburn_s_byte):
     a run of them on one source line whose bytes are exactly one complete
     catalogue instruction is that instruction (Linux spells xsaves,
     mwait, clac, erets ... that way for old assemblers).  It becomes the
     same site the mnemonic would, decoded by the same decoder.

   Where the padding goes is a layout question (see the README): after
   the instruction, or before it for kinds with an interrupt shadow
   (AB_F_SHADOW), or nowhere for kinds no platform rewrites (room 0).  */

#include "afterburn/table.h"
#include "afterburn/decode.h"

/* The catalogue, expanded from kinds.def.  */
struct afterburn_kind_info
{
  const char *name;
  unsigned short num;
  unsigned char room;
  unsigned char cls;
  unsigned char flags;
};

static const struct afterburn_kind_info afterburn_kinds[] =
{
#define AB_KIND(id, num, name, cls, room, flags, why) \
  { name, num, room, cls, flags },
#include "afterburn/kinds.def"
};

/* --afterburn=on|off: off makes the assembler behave exactly like stock
   gas (no section, no padding).  */
static bool afterburn_enabled = true;
/* --afterburn-report=bytes: a line per byte-spelled site.  */
static bool afterburn_report_bytes;

/* `.afterburn on/off/push/pop' and `.afterburn bytes on/off' state.  */
static bool afterburn_active = true;
static bool afterburn_bytes_active = true;
#define AFTERBURN_STACK_DEPTH 32
static unsigned char afterburn_stack[AFTERBURN_STACK_DEPTH];
static unsigned int afterburn_depth;

/* The sections this object gets, created on first use: the table (with
   its header record), where byte-spelled sites came from, and fill.  */
enum afterburn_sec { AB_SEC_TABLE, AB_SEC_SRC, AB_SEC_FILL, AB_SEC_NR };
static const char *const afterburn_sec_names[AB_SEC_NR] =
  { AFTERBURN_OBJ_SECTION, AFTERBURN_OBJ_SRC_SECTION,
    AFTERBURN_OBJ_FILL_SECTION };
static segT afterburn_secs[AB_SEC_NR];

/* A pending `.afterburn mark KIND'.  */
static const struct afterburn_kind_info *afterburn_mark_kind;
static const char *afterburn_mark_file;
static unsigned int afterburn_mark_line;
static segT afterburn_mark_seg;

/* Where the current instruction started (set by afterburn_begin_insn).  */
static segT afterburn_start_seg;
static fragS *afterburn_start_frag;
static offsetT afterburn_start_off;
static fixS *afterburn_start_fix;

/* Stand-alone prefixes (`rep; insb', `lock' on its own line) directly in
   front of the current instruction belong to the site.  */
static segT afterburn_pfx_seg;
static fragS *afterburn_pfx_frag;
static offsetT afterburn_pfx_start_off, afterburn_pfx_end;
static fragS *afterburn_pfx_start_frag;
static unsigned int afterburn_pfx_len;

/* The last label defined (tc_frob_label): a label at an instruction may
   be an exception-table address, which padding before it would move.  */
static segT afterburn_label_seg;
static fragS *afterburn_label_frag;
static offsetT afterburn_label_off;

/* The pending run of .byte statements on one source line.  */
static struct
{
  bool open;
  segT seg;
  subsegT subseg;
  fragS *frag;			/* where the first byte went */
  offsetT off;
  fixS *fix;			/* fix_tail before it: any fixup = not bytes */
  const char *file;
  unsigned int line;
  enum flag_code code;
  bool labelled;		/* a label marks its first byte */
} afterburn_bytes;

static const struct afterburn_kind_info *
afterburn_kind_by_num (unsigned int num)
{
  size_t k;

  for (k = 0; k < ARRAY_SIZE (afterburn_kinds); k++)
    if (afterburn_kinds[k].num == num)
      return &afterburn_kinds[k];
  return NULL;
}

static const struct afterburn_kind_info *
afterburn_kind_by_name (const char *name)
{
  size_t k;

  for (k = 0; k < ARRAY_SIZE (afterburn_kinds); k++)
    if (strcmp (afterburn_kinds[k].name, name) == 0)
      return &afterburn_kinds[k];
  return NULL;
}

static const char *
afterburn_member_name (unsigned int kind, unsigned int member)
{
  static const struct { unsigned char kind, num; const char *name; } m[] =
    {
#define AB_MEMBER(kind, id, num, name) { AB_KIND_##kind, num, name },
#include "afterburn/kinds.def"
    };
  size_t k;

  for (k = 0; k < ARRAY_SIZE (m); k++)
    if (m[k].kind == kind && m[k].num == member)
      return m[k].name;
  return afterburn_kind_by_num (kind)->name;
}

static unsigned int
afterburn_mode_of (enum flag_code code)
{
  switch (code)
    {
    case CODE_16BIT:
      return AB_MODE_16;
    case CODE_32BIT:
      return AB_MODE_32;
    default:
      return AB_MODE_64;
    }
}

/* Hardware number of a register, 0-15.  */
static unsigned int
afterburn_regno (const reg_entry *r)
{
  return r->reg_num + ((r->reg_flags & RegRex) ? 8 : 0);
}

/* Copy LEN bytes emitted from FRAG at OFF on (through the fixed parts of
   the following frags, as encoding_length counts them).  */
static void
afterburn_copy_bytes (const fragS *frag, offsetT off, unsigned int len,
		      unsigned char *buf)
{
  while (len)
    {
      unsigned int n = frag->fr_fix - off;

      if (frag == frag_now)
	n = frag_now_fix () - off;
      if (n > len)
	n = len;
      memcpy (buf, frag->fr_literal + off, n);
      buf += n;
      len -= n;
      frag = frag->fr_next;
      off = 0;
    }
}

/* Is there a label at FRAG/OFF (the start of an instruction)?  */
static bool
afterburn_labelled (segT seg, fragS *frag, offsetT off)
{
  if (afterburn_label_frag == NULL || afterburn_label_seg != seg)
    return false;
  if (afterburn_label_frag == frag)
    return afterburn_label_off == off;
  /* The label ended a frag that the instruction's frag follows.  */
  return off == 0 && afterburn_label_frag->fr_next == frag
	 && afterburn_label_off == afterburn_label_frag->fr_fix
	 && afterburn_label_frag->fr_type == rs_fill
	 && afterburn_label_frag->fr_var == 0;
}

/* Live registers and known operands (liveness analysis, own file).  */
#include "tc-i386-afterburn-live.c"

/* A site about to be recorded: the decoded record plus what only the
   assembler knows (symbolic immediates and displacements).  */
struct afterburn_desc
{
  struct afterburn_site rec;
  /* imm: the record's constant, or an expression (absolute with
     IMM_RELOC, or PC-relative to the imm field when IMM_PCREL).  */
  expressionS imm_exp;
  bool imm_is_exp, imm_pcrel;
  bfd_reloc_code_real_type imm_reloc;
};

/* Set D's imm from expression E.  */
static void
afterburn_set_imm (struct afterburn_desc *d, const expressionS *e,
		   bfd_reloc_code_real_type reloc)
{
  if (e->X_op == O_constant)
    d->rec.imm = e->X_add_number;
  else if (e->X_op == O_subtract
	   && S_GET_SEGMENT (e->X_op_symbol) != absolute_section
	   && !(S_IS_DEFINED (e->X_add_symbol)
		&& S_IS_DEFINED (e->X_op_symbol)
		&& (S_GET_SEGMENT (e->X_add_symbol)
		    == S_GET_SEGMENT (e->X_op_symbol))))
    {
      /* `(sym - 1b)(%ebx)' with 1b in the instruction's section and sym
	 elsewhere (Linux's compressed/efi_mixed.S): the instruction gets a
	 PC-relative relocation, but a record in .afterburn cannot express
	 the difference.  A forward reference is not resolved yet, so a
	 same-section difference to a later label is flagged too (safe:
	 backends leave the site native).  Record 0, flag it, say so.  */
      d->rec.imm = 0;
      d->rec.flags |= AB_FL_NOIMM;
      as_warn (_("afterburn: `%s' operand `%s - %s' is a symbol difference "
		 "not known to lie in one section; its displacement is not "
		 "recorded (AB_FL_NOIMM)"), i.tm.name,
	       S_GET_NAME (e->X_add_symbol), S_GET_NAME (e->X_op_symbol));
    }
  else
    {
      d->imm_exp = *e;
      d->imm_is_exp = true;
      d->imm_reloc = reloc;
    }
}

/* The record of a decoded instruction ending at END_SYM.  A RIP-relative
   operand is stored as its address minus the imm field's, like `site'.  */
static void
afterburn_desc_from_decode (struct afterburn_desc *d, const struct ab_decoded *di,
			    symbolS *end_sym)
{
  memset (d, 0, sizeof (*d));
  d->rec = di->rec;
  if (di->riprel)
    {
      d->imm_is_exp = true;
      d->imm_pcrel = true;
      d->imm_exp.X_op = O_symbol;
      d->imm_exp.X_add_symbol = end_sym;
      d->imm_exp.X_add_number = di->rec.imm;
      d->rec.imm = 0;
    }
}

/* Operands the assembler wrote as expressions: the decoder saw only the
   bytes of the relocated field (zero), so take them from `i'.  */
static void
afterburn_symbolic_operands (struct afterburn_desc *d)
{
  unsigned int n;

  for (n = 0; n < i.operands; n++)
    {
      if (operand_type_check (i.types[n], imm) && i.op[n].imms
	  && i.op[n].imms->X_op != O_constant
	  && (d->rec.form == AB_FORM_IMM || d->rec.form == AB_FORM_FAR))
	{
	  /* ljmp/lcall $sel, $off: the second immediate is the offset.  */
	  if (d->rec.form == AB_FORM_FAR && n + 1 < i.imm_operands)
	    continue;
	  afterburn_set_imm (d, i.op[n].imms, BFD_RELOC_32);
	  return;
	}
      if ((i.types[n].bitfield.baseindex
	   || operand_type_check (i.types[n], disp))
	  && i.op[n].disps && i.op[n].disps->X_op != O_constant
	  && d->rec.form == AB_FORM_MEM)
	{
	  const expressionS *e = i.op[n].disps;

	  if (d->rec.base == AB_REG_RIP)
	    {
	      d->imm_is_exp = true;
	      d->imm_pcrel = true;
	      d->imm_exp = *e;
	      if (i.reloc[n] != NO_RELOC)
		as_warn (_("afterburn: `%s' has a relocated RIP-relative "
			   "operand; its target is recorded without the "
			   "relocation"), i.tm.name);
	    }
	  else
	    {
	      bool addr64 = (flag_code == CODE_64BIT
			     && !(d->rec.flags & AB_FL_ADDR));

	      afterburn_set_imm (d, e, (object_64bit && addr64)
				 ? BFD_RELOC_X86_64_32S : BFD_RELOC_32);
	      if (i.reloc[n] != NO_RELOC)
		as_warn (_("afterburn: `%s' has a relocated displacement; "
			   "recorded without the relocation"), i.tm.name);
	    }
	  return;
	}
    }
}

/* A hand mark on an instruction outside the catalogue (`mov' as
   pt_write ...): no decoder knows it, so describe its operands from what
   the assembler parsed.  */
static void
afterburn_describe_hand (struct afterburn_desc *d, symbolS *end_sym)
{
  const reg_entry *gpr[2] = { NULL, NULL };
  unsigned int ngpr = 0, n, memop = MAX_OPERANDS, immop = MAX_OPERANDS;
  struct afterburn_site *r = &d->rec;

  r->form = AB_FORM_NONE;
  r->reg = r->sreg = r->base = r->index = AB_REG_NONE;
  r->scale_seg = AB_SEG_NONE << 4;
  for (n = 0; n < i.operands; n++)
    {
      if (i.types[n].bitfield.class == Reg && i.op[n].regs)
	{
	  if (ngpr < 2)
	    gpr[ngpr++] = i.op[n].regs;
	}
      else if ((i.types[n].bitfield.class == RegCR
		|| i.types[n].bitfield.class == RegDR
		|| i.types[n].bitfield.class == SReg) && i.op[n].regs)
	r->sreg = afterburn_regno (i.op[n].regs);
      else if (operand_type_check (i.types[n], imm))
	{
	  if (immop == MAX_OPERANDS)
	    immop = n;
	}
      else if (i.types[n].bitfield.baseindex
	       || operand_type_check (i.types[n], disp))
	{
	  if (memop == MAX_OPERANDS)
	    memop = n;
	}
    }
  if (ngpr)
    r->reg = afterburn_regno (gpr[ngpr - 1]);
  if (memop < MAX_OPERANDS && i.mem_operands)
    {
      r->form = AB_FORM_MEM;
      if (i.base_reg)
	r->base = i.base_reg->reg_num == RegIP
		  ? AB_REG_RIP : afterburn_regno (i.base_reg);
      if (i.index_reg && i.index_reg->reg_num != RegIZ)
	r->index = afterburn_regno (i.index_reg);
      r->scale_seg |= i.log2_scale_factor & 3;
      if (i.op[memop].disps)
	{
	  const expressionS *e = i.op[memop].disps;

	  if (r->base == AB_REG_RIP && e->X_op == O_constant)
	    {
	      d->imm_is_exp = true;
	      d->imm_pcrel = true;
	      d->imm_exp.X_op = O_symbol;
	      d->imm_exp.X_add_symbol = end_sym;
	      d->imm_exp.X_add_number = e->X_add_number;
	    }
	  else
	    afterburn_symbolic_operands (d);
	  if (e->X_op == O_constant && r->base != AB_REG_RIP)
	    r->imm = e->X_add_number;
	}
    }
  else if (ngpr)
    {
      r->form = AB_FORM_REG;
      if (ngpr == 2)
	r->base = afterburn_regno (gpr[0]);
    }
  else if (immop < MAX_OPERANDS)
    {
      r->form = AB_FORM_IMM;
      afterburn_set_imm (d, i.op[immop].imms, BFD_RELOC_32);
    }
  if (ngpr)
    {
      const reg_entry *g = gpr[ngpr - 1];

      r->opsize = g->reg_type.bitfield.qword ? 8
		  : g->reg_type.bitfield.dword ? 4
		  : g->reg_type.bitfield.word ? 2 : 1;
    }
  else
    switch (i.suffix)
      {
      case BYTE_MNEM_SUFFIX: r->opsize = 1; break;
      case WORD_MNEM_SUFFIX: r->opsize = 2; break;
      case LONG_MNEM_SUFFIX: r->opsize = 4; break;
      case QWORD_MNEM_SUFFIX: r->opsize = 8; break;
      default: r->opsize = 0; break;
      }
}

static segT
afterburn_new_section (const char *name, bool alloc)
{
  segT sec = subseg_force_new (name, 0);

  bfd_set_section_flags (sec, (alloc
			       ? (SEC_ALLOC | SEC_LOAD | SEC_READONLY
				  | SEC_DATA | SEC_HAS_CONTENTS)
			       : (SEC_READONLY | SEC_HAS_CONTENTS)));
  record_alignment (sec, 2);
  return sec;
}

/* Emit the header record that opens an .afterburn section.  */
static void
afterburn_emit_header (void)
{
  char *p = frag_more (AFTERBURN_RECORD_SIZE);

  memset (p, 0, AFTERBURN_RECORD_SIZE);
  md_number_to_chars (p + offsetof (struct afterburn_header, magic),
		      AFTERBURN_MAGIC, 4);
  p[offsetof (struct afterburn_header, kind)] = AB_KIND_HEADER;
  p[offsetof (struct afterburn_header, version)] = AFTERBURN_VERSION;
  p[offsetof (struct afterburn_header, record_size)] = AFTERBURN_RECORD_SIZE;
  afterburn_live_note_header (frag_now, p - frag_now->fr_literal);
}

#if defined (OBJ_ELF) || defined (OBJ_MAYBE_ELF)
/* Sites in a section group (COMDAT: C++ inline functions, `.section
   ..., "axG"') are recorded in sections of the same group, so the linker
   keeps or discards the records with the code.  */
struct afterburn_group
{
  const char *name;
  segT secs[AB_SEC_NR];
  struct afterburn_group *next;
};
static struct afterburn_group *afterburn_groups;
#endif

/* Switch to section WHICH for records about code in SITE_SEG, creating
   it on first use.  The caller restores the section with subseg_set,
   which leaves the user's section stack and `.previous' alone.  */
static void
afterburn_enter_section (segT site_seg ATTRIBUTE_UNUSED,
			 enum afterburn_sec which)
{
  bool alloc = which == AB_SEC_TABLE;
  segT *slot = &afterburn_secs[which];
  const char *group = NULL;

#if defined (OBJ_ELF) || defined (OBJ_MAYBE_ELF)
  if (IS_ELF)
    group = elf_group_name (site_seg);
  if (group != NULL)
    {
      struct afterburn_group *g;

      for (g = afterburn_groups; g; g = g->next)
	if (strcmp (g->name, group) == 0)
	  break;
      if (g == NULL)
	{
	  g = XCNEW (struct afterburn_group);
	  g->name = group;
	  g->next = afterburn_groups;
	  afterburn_groups = g;
	}
      slot = &g->secs[which];
    }
#endif
  if (*slot != NULL)
    {
      subseg_set (*slot, 0);
      return;
    }
  *slot = afterburn_new_section (afterburn_sec_names[which], alloc);
#if defined (OBJ_ELF) || defined (OBJ_MAYBE_ELF)
  if (group != NULL)
    {
      elf_group_name (*slot) = group;
      elf_section_type (*slot) = SHT_PROGBITS;
      elf_section_flags (*slot) = (alloc ? SHF_ALLOC : 0) | SHF_GROUP;
      if (site_seg->flags & SEC_LINK_ONCE)
	bfd_set_section_flags (*slot, (bfd_section_flags (*slot)
				       | SEC_LINK_ONCE
				       | SEC_LINK_DUPLICATES_DISCARD));
    }
#endif
  subseg_set (*slot, 0);
  if (alloc)
    afterburn_emit_header ();
}

/* A PC-relative 32-bit field at FRAG/WHERE holding TARGET + ADDEND minus
   the field's own address (an R_X86_64_PC32 / R_386_PC32 relocation).  */
static void
afterburn_pcrel_field (fragS *frag, offsetT where, symbolS *target,
		       offsetT addend)
{
  expressionS exp;
  addressT saved_dot_value = dot_value;
  fragS *saved_dot_frag = dot_frag;

  memset (&exp, 0, sizeof (exp));
  exp.X_op = O_subtract;
  exp.X_add_symbol = target;
  exp.X_op_symbol = symbol_temp_new (now_seg, frag, where);
  exp.X_add_number = addend;
  /* Like `.long TARGET - .': write.c turns the difference into a
     PC-relative relocation relative to `dot', which must be the field
     itself (emit_expr sets it the same way).  */
  dot_value = where;
  dot_frag = frag;
  fix_new_exp (frag, where, 4, &exp, 0, BFD_RELOC_32);
  dot_value = saved_dot_value;
  dot_frag = saved_dot_frag;
}

#define AB_OFF(field) offsetof (struct afterburn_site, field)

/* Append one site record.  SITE_SYM + SITE_ADD is the start of the room.
   When LEN_EXP is given (ranges), insn_len and room are the value of
   that expression, resolved at write time.  */
static void
afterburn_emit_record (const struct afterburn_desc *d, symbolS *site_sym,
		       offsetT site_add, const expressionS *len_exp)
{
  segT saved_seg = now_seg;
  subsegT saved_subseg = now_subseg;
  const struct afterburn_site *r = &d->rec;
  fragS *frag, *code_frag = frag_now;
  offsetT where, code_end = frag_now_fix ();
  char *p;

  afterburn_enter_section (saved_seg, AB_SEC_TABLE);
  p = frag_more (AFTERBURN_RECORD_SIZE);
  frag = frag_now;
  where = p - frag->fr_literal;
  memset (p, 0, AFTERBURN_RECORD_SIZE);
  p[AB_OFF (kind)] = r->kind;
  p[AB_OFF (member)] = r->member;
  p[AB_OFF (insn_len)] = r->insn_len;
  p[AB_OFF (room)] = r->room;
  p[AB_OFF (insn_off)] = r->insn_off;
  p[AB_OFF (flags)] = r->flags;
  p[AB_OFF (xflags)] = r->xflags;
  p[AB_OFF (opsize)] = r->opsize;
  p[AB_OFF (form)] = r->form;
  p[AB_OFF (reg)] = r->reg;
  p[AB_OFF (sreg)] = r->sreg;
  p[AB_OFF (base)] = r->base;
  p[AB_OFF (index)] = r->index;
  p[AB_OFF (scale_seg)] = r->scale_seg;
  md_number_to_chars (p + AB_OFF (imm), r->imm, 4);
  /* live, live_in and known: 0 (unknown) until afterburn_live_analyse.  */

  afterburn_pcrel_field (frag, where + AB_OFF (site), site_sym, site_add);
  if (d->imm_is_exp)
    {
      expressionS e = d->imm_exp;

      if (d->imm_pcrel)
	{
	  symbolS *t = e.X_op == O_symbol ? e.X_add_symbol
					   : make_expr_symbol (&e);
	  offsetT add = e.X_op == O_symbol ? e.X_add_number : 0;

	  afterburn_pcrel_field (frag, where + AB_OFF (imm), t, add);
	}
      else
	fix_new_exp (frag, where + AB_OFF (imm), 4, &e, 0, d->imm_reloc);
    }
  if (len_exp)
    {
      expressionS e = *len_exp;

      fix_new_exp (frag, where + AB_OFF (insn_len), 1, &e, 0, BFD_RELOC_8);
      e = *len_exp;
      fix_new_exp (frag, where + AB_OFF (room), 1, &e, 0, BFD_RELOC_8);
    }

  afterburn_live_note_record (r, saved_seg, code_frag, code_end, frag, where,
			      len_exp != NULL);
  subseg_set (saved_seg, saved_subseg);
}

/* Where a byte-spelled site came from: an .afterburn_src entry.  */
static void
afterburn_emit_src (symbolS *site_sym, offsetT site_add, const char *file,
		    unsigned int line)
{
  segT saved_seg = now_seg;
  subsegT saved_subseg = now_subseg;
  size_t flen = strlen (file) + 1, padded = (flen + 3) & ~(size_t) 3;
  fragS *frag;
  offsetT where;
  char *p;

  afterburn_enter_section (saved_seg, AB_SEC_SRC);
  p = frag_more (8 + padded);
  frag = frag_now;
  where = p - frag->fr_literal;
  memset (p, 0, 8 + padded);
  md_number_to_chars (p + 4, line, 4);
  memcpy (p + 8, file, flen);
  afterburn_pcrel_field (frag, where, site_sym, site_add);
  subseg_set (saved_seg, saved_subseg);
}

/* Fill COUNT bytes at P with the longest multi-byte NOPs that fit.  */
static void
afterburn_nops (char *p, unsigned int count)
{
  const unsigned char *const *patt;
  int max;

  if (flag_code == CODE_64BIT || cpu_arch_flags.bitfield.cpunop)
    {
      patt = alt_patt;
      max = ARRAY_SIZE (alt_patt);
    }
  else
    {
      /* Pre-P6 .arch in 32-bit code: lea-based NOPs.  */
      patt = f32_patt;
      max = ARRAY_SIZE (f32_patt);
    }
  i386_output_nops (p, patt, count, max);
}

/* Where a site's padding goes.  */
enum afterburn_pad { AB_PAD_NONE, AB_PAD_AFTER, AB_PAD_BEFORE };

static enum afterburn_pad
afterburn_pad_rule (const struct afterburn_kind_info *k,
		    const struct afterburn_site *r, bool labelled)
{
  if (flag_code == CODE_16BIT || k->room <= r->insn_len)
    return AB_PAD_NONE;
  if (!(k->flags & AB_F_SHADOW)
      || ((k->num == AB_KIND_MOV_TO_SREG || k->num == AB_KIND_POP_SREG)
	  && r->sreg != 2))
    return AB_PAD_AFTER;
  /* The shadow protects the next instruction: pad before.  A mov/pop to
     %ss may fault, and a label at it may be the address an exception
     table names (Linux's loadsegment): NOPs before it would move that
     address, so such a site is not padded at all.  sti cannot fault in
     ring 0; a label at it is a branch target, fine at the NOPs.  */
  if (labelled && k->num != AB_KIND_STI)
    return AB_PAD_NONE;
  return AB_PAD_BEFORE;
}

/* Pad the LEN bytes just emitted from FRAG/OFF (ending at the current
   position) to the kind's room; set R's room and insn_off (R's kind and
   sreg choose the rule).  Returns a symbol at the end of the instruction
   where it finally lies.  */
static symbolS *
afterburn_pad (const struct afterburn_kind_info *k, struct afterburn_site *r,
	       fragS *frag, offsetT off, unsigned int len, fixS *fix_before,
	       bool labelled)
{
  enum afterburn_pad rule = afterburn_pad_rule (k, r, labelled);
  unsigned int pad = k->room > len ? k->room - len : 0;
  symbolS *end_sym;

  r->room = len;
  r->insn_off = 0;
  if (rule == AB_PAD_BEFORE
      && (frag != frag_now || frchain_now->fix_tail != fix_before))
    {
      /* Never the case for sti or mov %ss (no relocation, and the caller
	 made room in the frag), but say so if it ever is.  */
      as_warn (_("afterburn: `%s' cannot be padded before; not padded"),
	       k->name);
      rule = AB_PAD_NONE;
    }
  if (rule != AB_PAD_BEFORE)
    {
      end_sym = symbol_temp_new_now ();
      if (rule == AB_PAD_AFTER)
	{
	  afterburn_nops (frag_more (pad), pad);
	  r->room = len + pad;
	}
      return end_sym;
    }
  {
    char *start = frag->fr_literal + off;

    frag_more (pad);
    memmove (start + pad, start, len);
    afterburn_nops (start, pad);
    r->insn_off = pad;
    r->room = len + pad;
    return symbol_temp_new_now ();
  }
}

/* Called by md_assemble right before output_insn.  */
static void
afterburn_begin_insn (void)
{
  afterburn_bytes_flush ();
  afterburn_start_seg = now_seg;
  if (now_seg != absolute_section)
    {
      /* The instruction and any padding before it in one frag.  */
      if (afterburn_enabled)
	frag_grow (32);
      afterburn_start_frag = frag_now;
      afterburn_start_off = frag_now_fix ();
      afterburn_start_fix = frchain_now->fix_tail;
    }
}

/* Remember a stand-alone prefix instruction just output.  */
static void
afterburn_note_prefix (void)
{
  if (now_seg == absolute_section)
    return;
  if (!(afterburn_pfx_len
	&& afterburn_pfx_seg == afterburn_start_seg
	&& afterburn_pfx_frag == afterburn_start_frag
	&& afterburn_pfx_end == afterburn_start_off))
    {
      afterburn_pfx_len = 0;
      afterburn_pfx_start_frag = afterburn_start_frag;
      afterburn_pfx_start_off = afterburn_start_off;
    }
  afterburn_pfx_len += encoding_length (afterburn_start_frag,
					afterburn_start_off, frag_more (0));
  afterburn_pfx_seg = now_seg;
  afterburn_pfx_frag = frag_now;
  afterburn_pfx_end = frag_now_fix ();
}

/* Can a site be recorded in the current section?  K is its kind.  */
static bool
afterburn_section_ok (const struct afterburn_kind_info *k, const char *what)
{
  if (now_seg == absolute_section)
    {
      as_bad (_("afterburn: cannot mark `%s' (%s) in the absolute section;"
		" use `.afterburn off'"), what, k->name);
      return false;
    }
  if (!(bfd_section_flags (now_seg) & SEC_ALLOC))
    {
      as_bad (_("afterburn: cannot mark `%s' (%s) in non-allocated section "
		"`%s'; use `.afterburn off'"),
	      what, k->name, segment_name (now_seg));
      return false;
    }
  if (!(bfd_section_flags (now_seg) & SEC_CODE))
    {
      /* Code assembled into a data section (Linux's vsyscall page in
	 .data..page_aligned, the decompressor's trampoline in .rodata) is
	 copied or mapped elsewhere before it runs, so a site recorded here
	 would point outside any text the runtime may patch: refuse to
	 record it, but say so.  */
      as_warn (_("afterburn: `%s' (%s) not marked: section `%s' is not "
		 "executable; use `.afterburn off' around it"),
	       what, k->name, segment_name (now_seg));
      return false;
    }
  return true;
}

/* Called by md_assemble right after output_insn: if the instruction is
   sensitive (or marked by hand), pad it and record the site.  */
static void
afterburn_end_insn (void)
{
  const struct afterburn_kind_info *k = NULL;
  struct afterburn_desc d;
  struct afterburn_site pad_rec;
  struct ab_decoded di;
  unsigned char buf[32];
  bool hand = false, chained, decoded = false;
  fragS *frag;
  offsetT off;
  unsigned int len;
  symbolS *end_sym;

  if (!afterburn_enabled)
    return;

  if (i.tm.opcode_modifier.isprefix)
    {
      afterburn_note_prefix ();
      return;
    }
  if (now_seg == absolute_section && !afterburn_mark_kind)
    {
      afterburn_pfx_len = 0;
      return;
    }

  chained = (afterburn_pfx_len
	     && now_seg != absolute_section
	     && afterburn_pfx_seg == afterburn_start_seg
	     && afterburn_pfx_frag == afterburn_start_frag
	     && afterburn_pfx_end == afterburn_start_off);
  frag = chained ? afterburn_pfx_start_frag : afterburn_start_frag;
  off = chained ? afterburn_pfx_start_off : afterburn_start_off;
  afterburn_pfx_len = 0;

  len = 0;
  if (now_seg != absolute_section)
    {
      len = encoding_length (frag, off, frag_more (0));
      if (len <= sizeof (buf))
	{
	  afterburn_copy_bytes (frag, off, len, buf);
	  decoded = ab_decode (buf, len, afterburn_mode_of (flag_code), &di)
		    && di.len == len;
	}
      afterburn_live_note_insn (frag, off, buf, len <= sizeof (buf) ? len : 0);
    }

  if (afterburn_mark_kind)
    {
      k = afterburn_mark_kind;
      hand = true;
      afterburn_mark_kind = NULL;
      if (afterburn_mark_seg != now_seg)
	{
	  as_bad_where (afterburn_mark_file, afterburn_mark_line,
			_("`.afterburn mark %s' is followed by an instruction "
			  "in another section"), k->name);
	  return;
	}
    }
  else if (afterburn_active && decoded)
    k = afterburn_kind_by_num (di.rec.kind);
  if (k == NULL)
    return;

  if (i.tm.opcode_modifier.jump == JUMP)
    {
      /* Relaxable branches live in a variant frag whose size is only
	 known after relaxation: no fixed site to record.  */
      as_bad (_("afterburn: cannot mark relaxable branch `%s' (%s)"),
	      i.tm.name, k->name);
      return;
    }
  if (!afterburn_section_ok (k, i.tm.name))
    return;

  if (decoded)
    pad_rec = di.rec;
  else
    {
      memset (&pad_rec, 0, sizeof (pad_rec));
      pad_rec.sreg = AB_REG_NONE;
    }
  pad_rec.kind = k->num;
  end_sym = afterburn_pad (k, &pad_rec, frag, off, len, afterburn_start_fix,
			   afterburn_labelled (now_seg, frag, off));
  if (decoded)
    {
      afterburn_desc_from_decode (&d, &di, end_sym);
      afterburn_symbolic_operands (&d);
    }
  else
    {
      memset (&d, 0, sizeof (d));
      afterburn_describe_hand (&d, end_sym);
      d.rec.flags = afterburn_mode_of (flag_code);
      d.rec.flags |= ab_prefix_flags (buf, len, afterburn_mode_of (flag_code),
				      &d.rec.scale_seg);
      /* A mandatory f3/f2 (popcnt ...) is part of the opcode, not rep.  */
      if (i.tm.opcode_modifier.opcodeprefix == PREFIX_0XF3
	  || i.tm.opcode_modifier.opcodeprefix == PREFIX_0XF2)
	d.rec.flags &= ~AB_FL_REP;
    }
  d.rec.kind = k->num;
  if (hand)
    {
      d.rec.flags |= AB_FL_HAND;
      if (!decoded || di.rec.kind != k->num)
	d.rec.member = 0;
    }
  d.rec.insn_len = len;
  d.rec.room = pad_rec.room;
  d.rec.insn_off = pad_rec.insn_off;
  if (d.rec.room > 255)
    {
      as_bad (_("afterburn: site of `%s' is %u bytes long"),
	      i.tm.name, d.rec.room);
      return;
    }
  afterburn_emit_record (&d, end_sym, -(offsetT) (d.rec.insn_off + len),
			 NULL);
}

/* ---- byte-spelled instructions ------------------------------------- */

/* The run of .byte statements is over: if its bytes are exactly one
   catalogue instruction, it is that instruction's site.  */
static void
afterburn_bytes_flush (void)
{
  const struct afterburn_kind_info *k;
  struct afterburn_desc d;
  struct afterburn_site pad_rec;
  struct ab_decoded di;
  unsigned char buf[16];
  unsigned int len;
  enum flag_code saved_code;
  symbolS *end_sym;
  offsetT site_add;

  if (!afterburn_bytes.open)
    return;
  afterburn_bytes.open = false;
  if (now_seg != afterburn_bytes.seg || now_subseg != afterburn_bytes.subseg)
    {
      /* Flushed at the start of every statement, so nothing can come in
	 between; an assembler bug if it did.  */
      as_bad_where (afterburn_bytes.file, afterburn_bytes.line,
		    _("afterburn: internal error: .byte run left its section"));
      return;
    }
  /* A byte given as an expression the assembler could not resolve
     (a fixup) is not known: data.  */
  if (frchain_now->fix_tail != afterburn_bytes.fix)
    return;
  len = encoding_length (afterburn_bytes.frag, afterburn_bytes.off,
			 frag_more (0));
  /* One byte is not enough evidence: whoever means a one-byte
     instruction writes its mnemonic.  */
  if (len < 2 || len > 15)
    return;
  afterburn_copy_bytes (afterburn_bytes.frag, afterburn_bytes.off, len, buf);
  if (!ab_decode (buf, len, afterburn_mode_of (afterburn_bytes.code), &di)
      || di.len != len)
    return;
  k = afterburn_kind_by_num (di.rec.kind);

  saved_code = flag_code;
  flag_code = afterburn_bytes.code;
  pad_rec = di.rec;
  end_sym = afterburn_pad (k, &pad_rec, afterburn_bytes.frag,
			   afterburn_bytes.off, len, afterburn_bytes.fix,
			   afterburn_bytes.labelled);
  flag_code = saved_code;
  afterburn_desc_from_decode (&d, &di, end_sym);
  d.rec.xflags |= AB_XF_BYTES;
  d.rec.room = pad_rec.room;
  d.rec.insn_off = pad_rec.insn_off;
  site_add = -(offsetT) (d.rec.insn_off + len);
  afterburn_emit_record (&d, end_sym, site_add, NULL);
  afterburn_emit_src (end_sym, site_add, afterburn_bytes.file,
		      afterburn_bytes.line);
  if (afterburn_report_bytes)
    as_info_where (afterburn_bytes.file, afterburn_bytes.line, 0,
		   _("afterburn: .byte spells `%s' (%s, %u bytes): marked"),
		   afterburn_member_name (k->num, di.rec.member), k->name,
		   len);
}

/* `.byte': emit as stock gas does, then note the run it belongs to.  */
static void
afterburn_s_byte (int size)
{
  const char *file;
  unsigned int line;
  bool watch;

  file = as_where (&line);
  watch = (afterburn_enabled && afterburn_active && afterburn_bytes_active
	   && flag_code != CODE_16BIT && now_seg != absolute_section
	   && (bfd_section_flags (now_seg) & SEC_CODE));
  if (afterburn_bytes.open
      && !(watch && afterburn_bytes.seg == now_seg
	   && afterburn_bytes.subseg == now_subseg
	   && afterburn_bytes.line == line
	   && strcmp (afterburn_bytes.file, file) == 0
	   && afterburn_bytes.code == flag_code))
    afterburn_bytes_flush ();
  if (watch && !afterburn_bytes.open)
    {
      /* Room for the run and its padding in one frag.  */
      frag_grow (64);
      afterburn_bytes.open = true;
      afterburn_bytes.seg = now_seg;
      afterburn_bytes.subseg = now_subseg;
      afterburn_bytes.frag = frag_now;
      afterburn_bytes.off = frag_now_fix ();
      afterburn_bytes.fix = frchain_now->fix_tail;
      afterburn_bytes.file = file;
      afterburn_bytes.line = line;
      afterburn_bytes.code = flag_code;
      afterburn_bytes.labelled = afterburn_labelled (now_seg, frag_now,
						     frag_now_fix ());
    }
  cons (size);
}

/* md_start_line_hook: at the start of every statement.  A run of .byte
   statements ends at the first statement that is not one.  */
void
afterburn_start_statement (void)
{
  const char *p = input_line_pointer;

  if (!afterburn_bytes.open)
    return;
  while (*p == ' ' || *p == '\t')
    p++;
  if (strncasecmp (p, ".byte", 5) == 0 && !is_part_of_name (p[5]))
    return;
  afterburn_bytes_flush ();
}

/* tc_frob_label: remember where the last label went; then what
   obj-elf.h does when a target has no tc_frob_label.  */
void
afterburn_frob_label (symbolS *sym)
{
  /* No .byte run is open here: the statement holding the label started
     with afterburn_start_statement, which closed it.  */
  if (now_seg != absolute_section && S_GET_SEGMENT (sym) == now_seg)
    {
      afterburn_label_seg = now_seg;
      afterburn_label_frag = frag_now;
      afterburn_label_off = frag_now_fix ();
    }
  if (afterburn_enabled)
    afterburn_live_note_label ();
  dwarf2_emit_label (sym);
}

/* ---- fill ------------------------------------------------------------ */

/* Record [START, END) of an executable section as fill in .afterburn_fill:
   data the assembler emitted, which the checks may accept (int3 padding)
   without assuming anything.  */
static void
afterburn_emit_fill (symbolS *start, symbolS *end)
{
  segT saved_seg = now_seg;
  subsegT saved_subseg = now_subseg;
  expressionS len;
  fragS *frag;
  offsetT where;
  char *p;

  afterburn_enter_section (saved_seg, AB_SEC_FILL);
  p = frag_more (8);
  frag = frag_now;
  where = p - frag->fr_literal;
  memset (p, 0, 8);
  afterburn_pcrel_field (frag, where, start, 0);
  memset (&len, 0, sizeof (len));
  len.X_op = O_subtract;
  len.X_add_symbol = end;
  len.X_op_symbol = start;
  fix_new_exp (frag, where + 4, 4, &len, 0, BFD_RELOC_32);
  subseg_set (saved_seg, saved_subseg);
}

/* Does the alignment directive at input_line_pointer give a fill value?
   (`.p2align 4,,10' does not: the fill is omitted.)  */
static bool
afterburn_align_has_fill (void)
{
  const char *p = input_line_pointer;

  while (!is_end_of_line[(unsigned char) *p] && *p != ',')
    p++;
  if (*p != ',')
    return false;
  p++;
  while (*p == ' ' || *p == '\t')
    p++;
  return !is_end_of_line[(unsigned char) *p] && *p != ',';
}

/* md_negative_fill: a .fill or .skip repeat count came out negative.
   Stock gas warns and ignores it; the kernel writes such counts as layout
   guards (`.fill 0b + IDT_ALIGN - ., 1, 0xcc' after an entry stub), so
   while marking it means padding grew code the source sized by hand.  */
void
afterburn_negative_fill (void)
{
  if (afterburn_enabled && now_seg != absolute_section
      && (bfd_section_flags (now_seg) & SEC_CODE))
    as_bad (_("afterburn: fill count is negative: the code before it grew "
	      "(padding?) past the size this fill guards"));
}

/* Run fill directive HANDLER (ARG); in executable sections record what it
   emitted.  Code alignment without a fill value is NOPs, not fill.  */
static void
afterburn_fill (void (*handler) (int), int arg, bool align)
{
  symbolS *start;
  segT seg = now_seg;

  if (!afterburn_enabled || now_seg == absolute_section
      || !(bfd_section_flags (now_seg) & SEC_CODE)
      || (align && !afterburn_align_has_fill ()))
    {
      handler (arg);
      return;
    }
  start = symbol_temp_new_now ();
  handler (arg);
  if (now_seg == seg)
    afterburn_emit_fill (start, symbol_temp_new_now ());
}

static void
afterburn_s_fill (int arg)
{
  afterburn_fill (s_fill, arg, false);
}

static void
afterburn_s_space (int arg)
{
  afterburn_fill (s_space, arg, false);
}

static void
afterburn_s_align_bytes (int arg)
{
  afterburn_fill (s_align_bytes, arg, true);
}

static void
afterburn_s_align_ptwo (int arg)
{
  afterburn_fill (s_align_ptwo, arg, true);
}

/* `.org NEW, FILL' moves the location counter forward with fill: Linux
   6.12 places its FRED kernel entry point so
   (`.org asm_fred_entrypoint_user + 256, 0xcc'), and the int3 bytes
   between the two entry points are data like any other fill.  */
static void
afterburn_s_org (int arg)
{
  afterburn_fill (s_org, arg, false);
}

/* ---- directives ------------------------------------------------------ */

/* `.afterburn range KIND, START, END'.  */
static void
afterburn_range (const struct afterburn_kind_info *k)
{
  expressionS start, end, len;
  struct afterburn_desc d;
  symbolS *start_sym;

  if (*input_line_pointer != ',')
    {
      as_bad (_("expected `,' after the kind in `.afterburn range'"));
      ignore_rest_of_line ();
      return;
    }
  input_line_pointer++;
  expression (&start);
  SKIP_WHITESPACE ();
  if (*input_line_pointer != ',')
    {
      as_bad (_("expected `, END' in `.afterburn range KIND, START, END'"));
      ignore_rest_of_line ();
      return;
    }
  input_line_pointer++;
  expression (&end);
  if (start.X_op != O_symbol || end.X_op != O_symbol)
    {
      as_bad (_("`.afterburn range' needs labels for START and END"));
      ignore_rest_of_line ();
      return;
    }
  demand_empty_rest_of_line ();
  if (!afterburn_enabled)
    return;

  start_sym = start.X_add_symbol;
  memset (&len, 0, sizeof (len));
  len.X_op = O_subtract;
  len.X_add_symbol = end.X_add_symbol;
  len.X_op_symbol = start.X_add_symbol;
  len.X_add_number = end.X_add_number - start.X_add_number;

  memset (&d, 0, sizeof (d));
  d.rec.kind = k->num;
  d.rec.flags = afterburn_mode_of (flag_code) | AB_FL_HAND | AB_FL_RANGE;
  d.rec.form = AB_FORM_NONE;
  d.rec.reg = d.rec.sreg = d.rec.base = d.rec.index = AB_REG_NONE;
  d.rec.scale_seg = AB_SEG_NONE << 4;
  afterburn_emit_record (&d, start_sym, start.X_add_number, &len);
}

/* The `.afterburn' directive:
     .afterburn on | off | push | pop
     .afterburn bytes on | off
     .afterburn mark KIND
     .afterburn range KIND, START, END  */
static void
s_afterburn (int dummy ATTRIBUTE_UNUSED)
{
  char *word, c;
  const struct afterburn_kind_info *k;

  SKIP_WHITESPACE ();
  if (!is_name_beginner (*input_line_pointer))
    {
      as_bad (_("expected on, off, push, pop, bytes, mark or range after "
		"`.afterburn'"));
      ignore_rest_of_line ();
      return;
    }
  c = get_symbol_name (&word);
  word = xstrdup (word);
  restore_line_pointer (c);
  SKIP_WHITESPACE ();

  if (strcmp (word, "on") == 0 || strcmp (word, "off") == 0)
    {
      afterburn_active = word[1] == 'n';
      demand_empty_rest_of_line ();
    }
  else if (strcmp (word, "bytes") == 0)
    {
      char *arg;

      if (!is_name_beginner (*input_line_pointer))
	{
	  as_bad (_("expected on or off after `.afterburn bytes'"));
	  ignore_rest_of_line ();
	  free (word);
	  return;
	}
      c = get_symbol_name (&arg);
      if (strcmp (arg, "on") == 0 || strcmp (arg, "off") == 0)
	{
	  afterburn_bytes_active = arg[1] == 'n';
	  restore_line_pointer (c);
	  demand_empty_rest_of_line ();
	}
      else
	{
	  as_bad (_("unknown `.afterburn bytes %s': expected on or off"), arg);
	  restore_line_pointer (c);
	  ignore_rest_of_line ();
	}
    }
  else if (strcmp (word, "push") == 0)
    {
      if (afterburn_depth == AFTERBURN_STACK_DEPTH)
	as_bad (_("`.afterburn push' nested too deeply"));
      else
	afterburn_stack[afterburn_depth++] = (afterburn_active
					      | afterburn_bytes_active << 1);
      demand_empty_rest_of_line ();
    }
  else if (strcmp (word, "pop") == 0)
    {
      if (afterburn_depth == 0)
	as_bad (_("`.afterburn pop' without `.afterburn push'"));
      else
	{
	  unsigned char s = afterburn_stack[--afterburn_depth];

	  afterburn_active = s & 1;
	  afterburn_bytes_active = (s >> 1) & 1;
	}
      demand_empty_rest_of_line ();
    }
  else if (strcmp (word, "mark") == 0 || strcmp (word, "range") == 0)
    {
      char *kname;

      if (!is_name_beginner (*input_line_pointer))
	{
	  as_bad (_("expected a kind name after `.afterburn %s'"), word);
	  ignore_rest_of_line ();
	  free (word);
	  return;
	}
      c = get_symbol_name (&kname);
      k = afterburn_kind_by_name (kname);
      if (k == NULL)
	{
	  as_bad (_("unknown afterburn kind `%s'"), kname);
	  restore_line_pointer (c);
	  ignore_rest_of_line ();
	  free (word);
	  return;
	}
      restore_line_pointer (c);
      SKIP_WHITESPACE ();
      if (word[0] == 'r')
	afterburn_range (k);
      else
	{
	  demand_empty_rest_of_line ();
	  if (afterburn_mark_kind)
	    as_bad (_("`.afterburn mark' while `.afterburn mark %s' from "
		      "line %u is still pending"),
		    afterburn_mark_kind->name, afterburn_mark_line);
	  else if (afterburn_enabled)
	    {
	      afterburn_mark_kind = k;
	      afterburn_mark_file = as_where (&afterburn_mark_line);
	      afterburn_mark_seg = now_seg;
	    }
	}
    }
  else
    {
      as_bad (_("unknown `.afterburn %s': expected on, off, push, pop, "
		"bytes, mark or range"), word);
      ignore_rest_of_line ();
    }
  free (word);
}

/* Called from md_end: the last .byte run, and a mark nothing followed.  */
static void
afterburn_md_end (void)
{
  afterburn_bytes_flush ();
  if (afterburn_mark_kind)
    as_bad_where (afterburn_mark_file, afterburn_mark_line,
		  _("`.afterburn mark %s' is not followed by an instruction"),
		  afterburn_mark_kind->name);
}

/* --afterburn=on|off.  */
static int
afterburn_parse_option (const char *arg)
{
  if (strcasecmp (arg, "on") == 0)
    afterburn_enabled = true;
  else if (strcasecmp (arg, "off") == 0)
    afterburn_enabled = false;
  else
    as_fatal (_("invalid --afterburn= option: `%s' (expected on or off)"),
	      arg);
  return 1;
}

/* --afterburn-report=bytes.  */
static int
afterburn_parse_report (const char *arg)
{
  if (strcasecmp (arg, "bytes") == 0)
    afterburn_report_bytes = true;
  else if (strcasecmp (arg, "liveness") == 0)
    afterburn_live_report = true;
  else
    as_fatal (_("invalid --afterburn-report= option: `%s' (expected bytes "
		"or liveness)"), arg);
  return 1;
}
