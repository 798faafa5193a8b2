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
   matched template (i.tm) and the encoder's statics without widening
   tc-i386.c's interface.  md_assemble calls afterburn_begin_insn and
   afterburn_end_insn around output_insn: by then the template is final
   (direction and width bits applied), so every spelling of an
   instruction -- suffixes, %dx forms, prefixes, Intel syntax, macros,
   .code16/.code32/.code64 -- arrives here as the same encoding.  The
   catalogue in afterburn/kinds.def says which encodings are sensitive and
   how much room each kind needs; afterburn/table.h gives the record
   format.  */

#include "afterburn/table.h"

/* The catalogue, expanded from kinds.def.  */
struct afterburn_kind_info
{
  const char *name;
  unsigned short num;
  unsigned char room;
  unsigned char cls;
};

static const struct afterburn_kind_info afterburn_kinds[] =
{
#define AB_KIND(id, num, name, cls, room, flags, why) \
  { name, num, room, cls },
#include "afterburn/kinds.def"
};

struct afterburn_enc
{
  unsigned short kind;
  unsigned char space, opcode, modrm, arg, prefix, modes;
};

static const struct afterburn_enc afterburn_encs[] =
{
#define AB_ENC(id, space, opcode, modrm, arg, prefix, modes) \
  { AB_KIND_##id, space, opcode, modrm, arg, prefix, modes },
#include "afterburn/kinds.def"
};

/* --afterburn=on|off: off makes the assembler behave exactly like stock
   gas (no section, no padding).  */
static bool afterburn_enabled = true;

/* `.afterburn on/off/push/pop' state.  */
static bool afterburn_active = true;
#define AFTERBURN_STACK_DEPTH 32
static bool afterburn_stack[AFTERBURN_STACK_DEPTH];
static unsigned int afterburn_depth;

/* The .afterburn section of this object, created with its header record
   when the first site is recorded.  */
static segT afterburn_seg;

/* A pending `.afterburn mark KIND'.  */
static const struct afterburn_kind_info *afterburn_mark_kind;
static const char *afterburn_mark_file;
static unsigned int afterburn_mark_line;
static segT afterburn_mark_seg;

/* Where the current instruction started (set by afterburn_begin_insn).  */
static segT afterburn_start_seg;
static fragS *afterburn_start_frag;
static offsetT afterburn_start_off;

/* Stand-alone prefixes (`rep; insb', `lock' on its own line) directly in
   front of the current instruction belong to the site.  */
static segT afterburn_pfx_seg;
static fragS *afterburn_pfx_frag;
static offsetT afterburn_pfx_end;
static unsigned int afterburn_pfx_len;
static unsigned int afterburn_pfx_flags;
static bool afterburn_pfx_data16;

/* Quick reject: which (space, opcode) pairs have catalogue encodings.  */
static unsigned char afterburn_has_enc[4][256];
static bool afterburn_index_ready;

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

static void
afterburn_build_index (void)
{
  size_t e;

  for (e = 0; e < ARRAY_SIZE (afterburn_encs); e++)
    afterburn_has_enc[afterburn_encs[e].space][afterburn_encs[e].opcode] = 1;
  afterburn_index_ready = true;
}

static unsigned int
afterburn_mode (void)
{
  switch (flag_code)
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

/* Find the catalogue kind of the instruction in `i', or NULL.  */
static const struct afterburn_kind_info *
afterburn_classify (void)
{
  unsigned int space, opcode, prefix, modebit;
  bool have_modrm;
  unsigned int modrm = 0, mod, regfield;
  size_t e;

  if (is_any_vex_encoding (&i.tm) || i.vex.length)
    return NULL;
  space = i.tm.opcode_modifier.opcodespace;
  if (space > SPACE_0F3A)
    return NULL;
  if (i.opcode_length == 2)
    {
      /* Opcodes like monitor (0f 01 c8) carry their ModRM byte in the
	 template.  */
      opcode = (i.tm.base_opcode >> 8) & 0xff;
      modrm = i.tm.base_opcode & 0xff;
      have_modrm = true;
    }
  else if (i.opcode_length == 1)
    {
      opcode = i.tm.base_opcode & 0xff;
      have_modrm = i.tm.opcode_modifier.modrm;
      if (have_modrm)
	modrm = (i.rm.mode << 6) | ((i.rm.reg & 7) << 3) | (i.rm.regmem & 7);
    }
  else
    return NULL;
  if (!afterburn_has_enc[space][opcode])
    return NULL;

  switch (i.tm.opcode_modifier.opcodeprefix)
    {
    case PREFIX_0X66: prefix = AB_PFX_66; break;
    case PREFIX_0XF3: prefix = AB_PFX_F3; break;
    case PREFIX_0XF2: prefix = AB_PFX_F2; break;
    default: prefix = AB_PFX_NONE; break;
    }
  modebit = flag_code == CODE_16BIT ? 1 : flag_code == CODE_32BIT ? 2 : 4;
  mod = modrm >> 6;
  regfield = (modrm >> 3) & 7;

  for (e = 0; e < ARRAY_SIZE (afterburn_encs); e++)
    {
      const struct afterburn_enc *enc = &afterburn_encs[e];
      bool ok;

      if (enc->space != space || enc->opcode != opcode
	  || !(enc->modes & modebit) || enc->prefix != prefix)
	continue;
      switch (enc->modrm)
	{
	case AB_MR_NONE: ok = true; break;
	case AB_MR_ANY: ok = have_modrm; break;
	case AB_MR_EXT: ok = have_modrm && regfield == enc->arg; break;
	case AB_MR_MEM:
	  ok = have_modrm && regfield == enc->arg && mod != 3;
	  break;
	case AB_MR_REG:
	  ok = have_modrm && regfield == enc->arg && mod == 3;
	  break;
	case AB_MR_ANYMEM: ok = have_modrm && mod != 3; break;
	case AB_MR_BYTE: ok = have_modrm && modrm == enc->arg; break;
	default: ok = false; break;
	}
      if (ok)
	return afterburn_kind_by_num (enc->kind);
    }
  return NULL;
}

/* The description of one site, in host form.  */
struct afterburn_desc
{
  unsigned int kind, insn_len, room, flags, opsize, form;
  unsigned int reg, sreg, base, index, scale_seg;
  /* imm: a constant, or an expression (absolute with IMM_RELOC, or
     PC-relative to the imm field when IMM_PCREL).  */
  offsetT imm;
  expressionS imm_exp;
  bool imm_is_exp, imm_pcrel;
  bfd_reloc_code_real_type imm_reloc;
};

static unsigned int
afterburn_seg_from_prefix (unsigned int p)
{
  switch (p)
    {
    case ES_PREFIX_OPCODE: return 0;
    case CS_PREFIX_OPCODE: return 1;
    case SS_PREFIX_OPCODE: return 2;
    case DS_PREFIX_OPCODE: return 3;
    case FS_PREFIX_OPCODE: return 4;
    case GS_PREFIX_OPCODE: return 5;
    default: return AB_SEG_NONE;
    }
}

/* Operand size of stack-type instructions (pushf, iret, lret ...).  */
static unsigned int
afterburn_stack_opsize (bool default64, bool data16)
{
  if (i.rex & REX_W)
    return 8;
  if (data16)
    return flag_code == CODE_16BIT ? 4 : 2;
  if (flag_code == CODE_64BIT && default64)
    return 8;
  return flag_code == CODE_16BIT ? 2 : 4;
}

static unsigned int
afterburn_reg_size (const reg_entry *r)
{
  if (r->reg_type.bitfield.qword)
    return 8;
  if (r->reg_type.bitfield.dword)
    return 4;
  if (r->reg_type.bitfield.word)
    return 2;
  return 1;
}

/* Set D->imm/imm_exp from expression E.  */
static void
afterburn_set_imm (struct afterburn_desc *d, const expressionS *e,
		   bfd_reloc_code_real_type reloc)
{
  if (e->X_op == O_constant)
    d->imm = e->X_add_number;
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
      d->imm = 0;
      d->flags |= AB_FL_NOIMM;
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

/* Fill in operands, form and size of the site from `i'.  */
static void
afterburn_describe (struct afterburn_desc *d, unsigned int kind,
		    symbolS *end_sym)
{
  const reg_entry *gpr[2] = { NULL, NULL };
  unsigned int ngpr = 0, n, memop = MAX_OPERANDS, immop = MAX_OPERANDS;
  bool io = (kind == AB_KIND_IN || kind == AB_KIND_OUT
	     || kind == AB_KIND_INS || kind == AB_KIND_OUTS);
  bool data16 = i.prefix[DATA_PREFIX] != 0 || afterburn_pfx_data16;
  unsigned int segp = i.prefix[SEG_PREFIX];

  d->form = AB_FORM_NONE;
  d->reg = d->sreg = d->base = d->index = AB_REG_NONE;
  d->scale_seg = AB_SEG_NONE << 4;
  d->opsize = 0;

  for (n = 0; n < i.operands; n++)
    {
      if (i.types[n].bitfield.class == Reg && i.op[n].regs)
	{
	  /* The %dx of in/out/ins/outs is the port, described by form.  */
	  if (io && i.types[n].bitfield.instance == RegD)
	    continue;
	  if (ngpr < 2)
	    gpr[ngpr++] = i.op[n].regs;
	}
      else if ((i.types[n].bitfield.class == RegCR
		|| i.types[n].bitfield.class == RegDR
		|| i.types[n].bitfield.class == SReg) && i.op[n].regs)
	d->sreg = afterburn_regno (i.op[n].regs);
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

  if (segp)
    d->scale_seg = afterburn_seg_from_prefix (segp) << 4;

  /* Registers: `reg' is the destination (AT&T: last) general register;
     with two of them the source goes to `base' (lar/lsl %r, %r).  The
     accumulator of in/out is implied by the kind and opsize.  */
  if (ngpr && !io)
    d->reg = afterburn_regno (gpr[ngpr - 1]);

  if (io)
    {
      if (kind == AB_KIND_IN || kind == AB_KIND_OUT)
	{
	  unsigned int op = i.tm.base_opcode & 0xfe;

	  if ((op == 0xe4 || op == 0xe6) && immop < MAX_OPERANDS)
	    {
	      d->form = AB_FORM_IMM;
	      afterburn_set_imm (d, i.op[immop].imms, BFD_RELOC_32);
	    }
	  else
	    d->form = AB_FORM_DX;
	}
      else
	d->form = AB_FORM_DX;
      d->opsize = (i.tm.base_opcode & 1)
		  ? ((flag_code == CODE_16BIT) != data16 ? 2 : 4) : 1;
      return;
    }

  if (i.tm.opcode_modifier.jump == JUMP_INTERSEGMENT)
    {
      /* ljmp/lcall $sel, $off: imm is the offset.  */
      d->form = AB_FORM_FAR;
      if (i.imm_operands > 1)
	afterburn_set_imm (d, i.op[1].imms, BFD_RELOC_32);
      d->opsize = 2 + ((flag_code == CODE_16BIT) != data16 ? 2 : 4);
      return;
    }

  if (memop < MAX_OPERANDS && i.mem_operands)
    {
      d->form = AB_FORM_MEM;
      if (i.base_reg)
	d->base = i.base_reg->reg_num == RegIP
		  ? AB_REG_RIP : afterburn_regno (i.base_reg);
      if (i.index_reg && i.index_reg->reg_num != RegIZ)
	d->index = afterburn_regno (i.index_reg);
      d->scale_seg = (d->scale_seg & 0x70) | (i.log2_scale_factor & 3);
      if (i.op[memop].disps)
	{
	  const expressionS *e = i.op[memop].disps;

	  if (d->base == AB_REG_RIP)
	    {
	      /* Store target - &imm, like `site'.  The target of a
		 RIP-relative operand is relative to the end of the
		 instruction.  */
	      d->imm_is_exp = true;
	      d->imm_pcrel = true;
	      if (e->X_op == O_constant)
		{
		  memset (&d->imm_exp, 0, sizeof (d->imm_exp));
		  d->imm_exp.X_op = O_symbol;
		  d->imm_exp.X_add_symbol = end_sym;
		  d->imm_exp.X_add_number = e->X_add_number;
		}
	      else
		d->imm_exp = *e;
	      if (i.reloc[memop] != NO_RELOC)
		as_warn (_("afterburn: `%s' has a relocated RIP-relative "
			   "operand; its target is recorded without the "
			   "relocation"), i.tm.name);
	    }
	  else
	    {
	      bool addr64 = (flag_code == CODE_64BIT
			     && !i.prefix[ADDR_PREFIX]);
	      afterburn_set_imm (d, e, (object_64bit && addr64)
				 ? BFD_RELOC_X86_64_32S : BFD_RELOC_32);
	      if (i.reloc[memop] != NO_RELOC && e->X_op != O_constant)
		as_warn (_("afterburn: `%s' has a relocated displacement; "
			   "recorded without the relocation"),
			 i.tm.name);
	    }
	}
    }
  else if (ngpr)
    {
      d->form = AB_FORM_REG;
      if (ngpr == 2)
	d->base = afterburn_regno (gpr[0]);
    }
  else if (immop < MAX_OPERANDS)
    {
      d->form = AB_FORM_IMM;
      afterburn_set_imm (d, i.op[immop].imms, BFD_RELOC_32);
    }

  switch (kind)
    {
    case AB_KIND_LGDT: case AB_KIND_LIDT: case AB_KIND_SGDT: case AB_KIND_SIDT:
      d->opsize = flag_code == CODE_64BIT ? 10 : 6;
      break;
    case AB_KIND_PUSHF: case AB_KIND_POPF:
    case AB_KIND_PUSH_SREG: case AB_KIND_POP_SREG:
      d->opsize = afterburn_stack_opsize (true, data16);
      break;
    case AB_KIND_IRET: case AB_KIND_LRET:
      d->opsize = afterburn_stack_opsize (false, data16);
      break;
    case AB_KIND_LJMP: case AB_KIND_LCALL:
      d->opsize = 2 + afterburn_stack_opsize (false, data16);
      break;
    case AB_KIND_MOV_FROM_CR: case AB_KIND_MOV_TO_CR:
    case AB_KIND_MOV_FROM_DR: case AB_KIND_MOV_TO_DR:
      d->opsize = flag_code == CODE_64BIT ? 8 : 4;
      break;
    case AB_KIND_SLDT: case AB_KIND_STR: case AB_KIND_LLDT: case AB_KIND_LTR:
    case AB_KIND_VERR: case AB_KIND_VERW: case AB_KIND_SMSW: case AB_KIND_LMSW:
    case AB_KIND_MOV_TO_SREG: case AB_KIND_MOV_FROM_SREG:
      d->opsize = ngpr ? afterburn_reg_size (gpr[ngpr - 1]) : 2;
      break;
    default:
      if (ngpr)
	d->opsize = afterburn_reg_size (gpr[ngpr - 1]);
      else
	switch (i.suffix)
	  {
	  case BYTE_MNEM_SUFFIX: d->opsize = 1; break;
	  case WORD_MNEM_SUFFIX: d->opsize = 2; break;
	  case LONG_MNEM_SUFFIX: d->opsize = 4; break;
	  case QWORD_MNEM_SUFFIX: d->opsize = 8; break;
	  default: d->opsize = 0; break;
	  }
      break;
    }
}

/* Emit the header record that opens an .afterburn section.  */
static void
afterburn_emit_header (void)
{
  char *p = frag_more (AFTERBURN_RECORD_SIZE);

  memset (p, 0, AFTERBURN_RECORD_SIZE);
  md_number_to_chars (p, AFTERBURN_MAGIC, 4);
  md_number_to_chars (p + 4, AB_KIND_HEADER, 2);
  p[6] = AFTERBURN_VERSION;
  p[7] = AFTERBURN_RECORD_SIZE;
}

static segT
afterburn_new_section (void)
{
  segT sec = subseg_force_new (AFTERBURN_SECTION, 0);

  bfd_set_section_flags (sec, (SEC_ALLOC | SEC_LOAD | SEC_READONLY
			       | SEC_DATA | SEC_HAS_CONTENTS));
  record_alignment (sec, 2);
  return sec;
}

#if defined (OBJ_ELF) || defined (OBJ_MAYBE_ELF)
/* Sites in a section group (COMDAT: C++ inline functions, `.section
   ..., "axG"') are recorded in an .afterburn section of the same group,
   so the linker keeps or discards the records with the code.  */
struct afterburn_group
{
  const char *name;
  segT seg;
  struct afterburn_group *next;
};
static struct afterburn_group *afterburn_groups;
#endif

/* Switch to the .afterburn section for sites in SITE_SEG, creating it
   (with its header record) on first use.  The caller restores the
   section with subseg_set, which leaves the user's section stack and
   `.previous' alone.  */
static void
afterburn_enter_section (segT site_seg ATTRIBUTE_UNUSED)
{
#if defined (OBJ_ELF) || defined (OBJ_MAYBE_ELF)
  const char *group = IS_ELF ? elf_group_name (site_seg) : NULL;

  if (group != NULL)
    {
      struct afterburn_group *g;

      for (g = afterburn_groups; g; g = g->next)
	if (strcmp (g->name, group) == 0)
	  {
	    subseg_set (g->seg, 0);
	    return;
	  }
      g = XNEW (struct afterburn_group);
      g->name = group;
      g->seg = afterburn_new_section ();
      g->next = afterburn_groups;
      afterburn_groups = g;
      elf_group_name (g->seg) = group;
      elf_section_type (g->seg) = SHT_PROGBITS;
      elf_section_flags (g->seg) = SHF_ALLOC | SHF_GROUP;
      if (site_seg->flags & SEC_LINK_ONCE)
	bfd_set_section_flags (g->seg, (bfd_section_flags (g->seg)
					| SEC_LINK_ONCE
					| SEC_LINK_DUPLICATES_DISCARD));
      subseg_set (g->seg, 0);
      afterburn_emit_header ();
      return;
    }
#endif
  if (afterburn_seg == NULL)
    {
      afterburn_seg = afterburn_new_section ();
      subseg_set (afterburn_seg, 0);
      afterburn_emit_header ();
    }
  else
    subseg_set (afterburn_seg, 0);
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

/* Append one site record.  SITE_SYM + SITE_ADD is the site address.
   When LEN_EXP is given (ranges), insn_len and room are the value of
   that expression, resolved at write time.  */
static void
afterburn_emit_record (const struct afterburn_desc *d, symbolS *site_sym,
		       offsetT site_add, const expressionS *len_exp)
{
  segT saved_seg = now_seg;
  subsegT saved_subseg = now_subseg;
  fragS *frag;
  offsetT where;
  char *p;

  afterburn_enter_section (saved_seg);
  p = frag_more (AFTERBURN_RECORD_SIZE);
  frag = frag_now;
  where = p - frag->fr_literal;
  memset (p, 0, AFTERBURN_RECORD_SIZE);
  md_number_to_chars (p + 4, d->kind, 2);
  p[6] = d->insn_len;
  p[7] = d->room;
  p[8] = d->flags;
  p[9] = d->opsize;
  p[10] = d->form;
  p[11] = d->reg;
  p[12] = d->sreg;
  p[13] = d->base;
  p[14] = d->index;
  p[15] = d->scale_seg;
  md_number_to_chars (p + 16, d->imm, 4);
  md_number_to_chars (p + 20, 0, 4);	/* live: unknown */

  afterburn_pcrel_field (frag, where, site_sym, site_add);
  if (d->imm_is_exp)
    {
      if (d->imm_pcrel)
	{
	  expressionS e = d->imm_exp;
	  symbolS *t = e.X_op == O_symbol ? e.X_add_symbol
					   : make_expr_symbol (&e);
	  offsetT add = e.X_op == O_symbol ? e.X_add_number : 0;
	  afterburn_pcrel_field (frag, where + 16, t, add);
	}
      else
	{
	  expressionS e = d->imm_exp;
	  fix_new_exp (frag, where + 16, 4, &e, 0, d->imm_reloc);
	}
    }
  if (len_exp)
    {
      expressionS e = *len_exp;
      fix_new_exp (frag, where + 6, 1, &e, 0, BFD_RELOC_8);
      e = *len_exp;
      fix_new_exp (frag, where + 7, 1, &e, 0, BFD_RELOC_8);
    }

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

/* Called by md_assemble right before output_insn.  */
static void
afterburn_begin_insn (void)
{
  afterburn_start_seg = now_seg;
  if (now_seg != absolute_section)
    {
      afterburn_start_frag = frag_now;
      afterburn_start_off = frag_now_fix ();
    }
}

/* Remember a stand-alone prefix instruction just output.  */
static void
afterburn_note_prefix (void)
{
  unsigned int b = i.tm.base_opcode & 0xff;

  if (now_seg == absolute_section)
    return;
  if (!(afterburn_pfx_len
	&& afterburn_pfx_seg == afterburn_start_seg
	&& afterburn_pfx_frag == afterburn_start_frag
	&& afterburn_pfx_end == afterburn_start_off))
    {
      afterburn_pfx_len = 0;
      afterburn_pfx_flags = 0;
      afterburn_pfx_data16 = false;
    }
  afterburn_pfx_len += encoding_length (afterburn_start_frag,
					afterburn_start_off, frag_more (0));
  if (b == REPE_PREFIX_OPCODE || b == REPNE_PREFIX_OPCODE)
    afterburn_pfx_flags |= AB_FL_REP;
  else if (b == LOCK_PREFIX_OPCODE)
    afterburn_pfx_flags |= AB_FL_LOCK;
  else if (b == ADDR_PREFIX_OPCODE)
    afterburn_pfx_flags |= AB_FL_ADDR;
  else if (b == DATA_PREFIX_OPCODE)
    afterburn_pfx_data16 = true;
  afterburn_pfx_seg = now_seg;
  afterburn_pfx_frag = frag_now;
  afterburn_pfx_end = frag_now_fix ();
}

/* Called by md_assemble right after output_insn: if the instruction is
   sensitive (or marked by hand), pad it and record the site.  */
static void
afterburn_end_insn (void)
{
  const struct afterburn_kind_info *k = NULL;
  struct afterburn_desc d;
  bool hand = false, chained;
  unsigned int len, pad;
  symbolS *end_sym;

  if (!afterburn_enabled)
    return;
  if (!afterburn_index_ready)
    afterburn_build_index ();

  if (i.tm.opcode_modifier.isprefix)
    {
      afterburn_note_prefix ();
      return;
    }

  chained = (afterburn_pfx_len
	     && now_seg != absolute_section
	     && afterburn_pfx_seg == afterburn_start_seg
	     && afterburn_pfx_frag == afterburn_start_frag
	     && afterburn_pfx_end == afterburn_start_off);

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
	  k = NULL;
	}
    }
  else if (afterburn_active)
    k = afterburn_classify ();

  if (k == NULL)
    {
      afterburn_pfx_len = 0;
      return;
    }

  if (i.tm.opcode_modifier.jump == JUMP)
    {
      /* Relaxable branches live in a variant frag whose size is only
	 known after relaxation: no fixed site to record.  */
      as_bad (_("afterburn: cannot mark relaxable branch `%s' (%s)"),
	      i.tm.name, k->name);
      afterburn_pfx_len = 0;
      return;
    }
  if (now_seg == absolute_section)
    {
      as_bad (_("afterburn: cannot mark `%s' (%s) in the absolute section;"
		" use `.afterburn off'"), i.tm.name, k->name);
      afterburn_pfx_len = 0;
      return;
    }
  if (!(bfd_section_flags (now_seg) & SEC_ALLOC))
    {
      as_bad (_("afterburn: cannot mark `%s' (%s) in non-allocated section "
		"`%s'; use `.afterburn off'"),
	      i.tm.name, k->name, segment_name (now_seg));
      afterburn_pfx_len = 0;
      return;
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
	       i.tm.name, k->name, segment_name (now_seg));
      afterburn_pfx_len = 0;
      return;
    }

  memset (&d, 0, sizeof (d));
  len = encoding_length (afterburn_start_frag, afterburn_start_off,
			 frag_more (0));
  end_sym = symbol_temp_new_now ();
  if (chained)
    len += afterburn_pfx_len;

  d.kind = k->num;
  d.insn_len = len;
  d.flags = afterburn_mode ();
  if (hand)
    d.flags |= AB_FL_HAND;
  /* A mandatory f3/f2 (rdfsbase, rdpid, wbnoinvd) is part of the opcode,
     not a repeat prefix.  */
  if (i.prefix[REP_PREFIX]
      && i.tm.opcode_modifier.opcodeprefix != PREFIX_0XF3
      && i.tm.opcode_modifier.opcodeprefix != PREFIX_0XF2)
    d.flags |= AB_FL_REP;
  if (i.prefix[LOCK_PREFIX])
    d.flags |= AB_FL_LOCK;
  if (i.prefix[ADDR_PREFIX])
    d.flags |= AB_FL_ADDR;
  if (chained)
    d.flags |= afterburn_pfx_flags;
  else
    afterburn_pfx_data16 = false;
  afterburn_describe (&d, k->num, end_sym);
  afterburn_pfx_len = 0;
  afterburn_pfx_data16 = false;

  /* Pad to the kind's room in 32/64-bit code; 16-bit sites get no
     padding (table.h).  */
  d.room = len;
  if (flag_code != CODE_16BIT && k->room > len)
    {
      pad = k->room - len;
      afterburn_nops (frag_more (pad), pad);
      d.room = k->room;
    }
  if (d.room > 255)
    {
      as_bad (_("afterburn: site of `%s' is %u bytes long"),
	      i.tm.name, d.room);
      return;
    }

  afterburn_emit_record (&d, end_sym, -(offsetT) len, NULL);
}

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
  d.kind = k->num;
  d.flags = afterburn_mode () | AB_FL_HAND | AB_FL_RANGE;
  d.form = AB_FORM_NONE;
  d.reg = d.sreg = d.base = d.index = AB_REG_NONE;
  d.scale_seg = AB_SEG_NONE << 4;
  afterburn_emit_record (&d, start_sym, start.X_add_number, &len);
}

/* The `.afterburn' directive:
     .afterburn on | off | push | pop
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
      as_bad (_("expected on, off, push, pop, mark or range after "
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
  else if (strcmp (word, "push") == 0)
    {
      if (afterburn_depth == AFTERBURN_STACK_DEPTH)
	as_bad (_("`.afterburn push' nested too deeply"));
      else
	afterburn_stack[afterburn_depth++] = afterburn_active;
      demand_empty_rest_of_line ();
    }
  else if (strcmp (word, "pop") == 0)
    {
      if (afterburn_depth == 0)
	as_bad (_("`.afterburn pop' without `.afterburn push'"));
      else
	afterburn_active = afterburn_stack[--afterburn_depth];
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
		"mark or range"), word);
      ignore_rest_of_line ();
    }
  free (word);
}

/* Called from md_end: a mark nothing followed is an error.  */
static void
afterburn_md_end (void)
{
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
