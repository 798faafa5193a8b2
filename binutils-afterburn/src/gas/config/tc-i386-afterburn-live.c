/* tc-i386-afterburn-live.c -- live registers and known operands at sites.
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

/* #included by tc-i386-afterburn.c.  For every site, which general
   registers and arithmetic flags may still be read after its room
   (table.h: `live'), which registers are live before the instruction
   (`live_in'), and, where the operand register of a port access, an MSR
   access or cpuid holds a value known within the basic block, that value
   (`known').

   While assembling, every instruction of an executable section becomes a
   node (afterburn_live_note_insn): where it starts and ends (frag and
   offset), what it reads and writes (the one def/use table,
   tc-i386-afterburn-defuse.def, applied to the parsed operands), how
   control leaves it, and the symbol a branch names.  Sites attach their
   record to their node (afterburn_live_note_record).  After relaxation
   (md_post_relax_hook: every address is final, no byte is written yet)
   afterburn_live_analyse sorts each section's nodes by address, links
   them -- fall-through (across NOP-only gaps), direct jumps to symbols of
   the same section, jump tables whose entries it can read, and the
   kernel's own tables (__jump_table, __ex_table, .altinstructions) --
   solves the backward dataflow equations to a fixed point and writes the
   masks into the records.  Wherever it cannot see, everything is live:
   unknown successors (indirect jumps, returns, other sections, section
   ends, bytes in text that are not NOPs), calls, and instructions the
   def/use table does not cover.  */

#include "afterburn/checks.h"

/* ---- the def/use table ------------------------------------------------- */

/* Register and flag bits, as table.h lays out `live'.  */
#define rAX (1u << 0)
#define rCX (1u << 1)
#define rDX (1u << 2)
#define rBX (1u << 3)
#define rSP (1u << 4)
#define rBP (1u << 5)
#define rSI (1u << 6)
#define rDI (1u << 7)
#define fCF AB_LIVE_CF
#define fPF AB_LIVE_PF
#define fAF AB_LIVE_AF
#define fZF AB_LIVE_ZF
#define fSF AB_LIVE_SF
#define fOF AB_LIVE_OF
#define fDF AB_LIVE_DF
#define fA6 (fCF | fPF | fAF | fZF | fSF | fOF)
#define fCC (1u << 30)		/* the flags of the opcode's condition */
#define AB_LIVE_ALL (AB_LIVE_GPRS | AB_LIVE_FLAGS)

enum afterburn_flow
{
  AB_FLOW_NEXT, AB_FLOW_JMP, AB_FLOW_JCC, AB_FLOW_CALL, AB_FLOW_RET,
  AB_FLOW_STOP, AB_FLOW_TRAP
};
enum { AB_DUA_0, AB_DUA_SHIFT, AB_DUA_STR, AB_DUA_ZERO };

struct afterburn_du
{
  const char *name;
  signed char nops;
  const char *ops;
  unsigned int use, def, mod, fuse, fdef;
  unsigned char flow, attr;
};

static const struct afterburn_du afterburn_du_rows[] =
{
#define AB_DU(name, nops, ops, use, def, mod, fuse, fdef, flow, attr) \
  { name, nops, ops, use, def, mod, fuse, fdef, AB_FLOW_##flow, AB_DUA_##attr },
#include "tc-i386-afterburn-defuse.def"
};

/* Flags read by condition code CC (the low nibble of jcc/setcc/cmovcc).  */
static unsigned int
afterburn_cc_flags (unsigned int cc)
{
  static const unsigned int f[8] =
    { fOF, fCF, fZF, fCF | fZF, fSF, fPF, fSF | fOF, fZF | fSF | fOF };

  return f[(cc >> 1) & 7];
}

/* --afterburn-liveness=on|off and --afterburn-report=liveness.  */
static bool afterburn_live_enabled = true;
static bool afterburn_live_report;
/* --afterburn-liveness=break: a test of the tests (check-liveness-torture
   must notice): each site's mask loses its lowest live register.  */
static bool afterburn_live_break;

/* An Info: line at the current source position.  */
static void
afterburn_live_info (const char *fmt, const char *name, unsigned int n)
{
  unsigned int line;
  const char *file = as_where (&line);

  as_info_where (file, line, 0, fmt, name, n);
}

static htab_t afterburn_du_hash;	/* name -> first row */
static short *afterburn_du_next;	/* next row of the same name, -1 */

static const struct afterburn_du *
afterburn_du_find (const char *name, int nops)
{
  size_t k;
  void *v;
  long r;

  if (afterburn_du_hash == NULL)
    {
      size_t n = ARRAY_SIZE (afterburn_du_rows);

      afterburn_du_hash = str_htab_create ();
      afterburn_du_next = XNEWVEC (short, n);
      for (k = n; k-- > 0;)
	{
	  v = str_hash_find (afterburn_du_hash, afterburn_du_rows[k].name);
	  afterburn_du_next[k] = v ? (short) ((long) v - 1) : -1;
	  str_hash_insert (afterburn_du_hash, afterburn_du_rows[k].name,
			   (void *) (long) (k + 1), 1);
	}
    }
  v = str_hash_find (afterburn_du_hash, name);
  for (r = v ? (long) v - 1 : -1; r >= 0; r = afterburn_du_next[r])
    if (afterburn_du_rows[r].nops < 0 || afterburn_du_rows[r].nops == nops)
      return &afterburn_du_rows[r];
  return NULL;
}

/* ---- nodes --------------------------------------------------------------- */

struct afterburn_lnode
{
  segT seg;
  fragS *frag, *efrag;		/* start and end while assembling */
  offsetT off, eoff;
  addressT addr, end;		/* the same after relaxation */
  unsigned int use, def, wr;	/* bits read, overwritten, written at all */
  unsigned char flow;
  bool code64;			/* assembled as 64-bit code */
  bool uncovered;		/* not in the def/use table */
  bool reads_all;		/* the kernel's tables: handlers see pt_regs */
  bool out_all;			/* may go somewhere unseen */
  bool target_known;		/* JMP/JCC: TARGET is the direct target */
  bool block_start;		/* known operands start afresh here */
  symbolS *target;
  offsetT target_add;
  symbolS *table;		/* jmp *TABLE(,%reg,SCALE) */
  offsetT table_add;
  unsigned char table_scale;
  /* A constant the instruction puts in a register, or a register copy.  */
  signed char cdst, csrc;
  unsigned char cbits;
  unsigned int cval;
  /* The site's record, if the node is a site.  */
  bool site;
  struct afterburn_site rec;
  fragS *rfrag;
  offsetT rwhere;
  segT tseg;
  const char *file;		/* where the site's source is */
  unsigned int line;
  /* Analysis.  */
  unsigned int in, out;
  unsigned int *succ, nsucc, asucc;
};

static struct afterburn_lnode *afterburn_ln;
static size_t afterburn_nln, afterburn_aln;

/* Labels of allocated sections: where a basic block may start, and where
   a jump table ends.  */
struct afterburn_label
{
  segT seg;
  fragS *frag;
  offsetT off;
  addressT addr;
};
static struct afterburn_label *afterburn_labels;
static size_t afterburn_nlabels, afterburn_alabels;

/* Each table section's header record (counts go there).  */
struct afterburn_theader
{
  segT tseg;
  fragS *frag;
  offsetT where;
  unsigned int insns, uncovered;
};
static struct afterburn_theader *afterburn_theaders;
static size_t afterburn_ntheaders;

static struct afterburn_lnode *
afterburn_live_new (segT seg, fragS *frag, offsetT off)
{
  struct afterburn_lnode *n;

  if (afterburn_nln == afterburn_aln)
    {
      afterburn_aln = afterburn_aln ? 2 * afterburn_aln : 1024;
      afterburn_ln = XRESIZEVEC (struct afterburn_lnode, afterburn_ln,
				 afterburn_aln);
    }
  n = &afterburn_ln[afterburn_nln++];
  memset (n, 0, sizeof (*n));
  n->seg = seg;
  n->frag = n->efrag = frag;
  n->off = n->eoff = off;
  n->cdst = n->csrc = -1;
  return n;
}

/* The hardware number of general register R, or -1; *SIZE its bytes,
   *PART whether writing it keeps the rest of the register (8/16 bits,
   %ah ...).  */
static int
afterburn_live_gpr (const reg_entry *r, unsigned int *size, bool *part)
{
  unsigned int n;

  if (r == NULL || r->reg_type.bitfield.class != Reg
      || r->reg_num == RegIP || r->reg_num == RegIZ)
    return -1;
  *size = r->reg_type.bitfield.qword ? 8 : r->reg_type.bitfield.dword ? 4
	  : r->reg_type.bitfield.word ? 2 : 1;
  n = r->reg_num + ((r->reg_flags & RegRex) ? 8 : 0);
  if (*size == 1 && !(r->reg_flags & (RegRex | RegRex64)) && n >= 4 && n < 8)
    n -= 4;			/* %ah %ch %dh %bh */
  *part = *size < 4;
  return n;
}

/* Operand N of `i' as a general register (its reg_entry), or NULL.  The
   accumulator and the port register of in/out have an instance, not a
   class, in their operand type.  */
static const reg_entry *
afterburn_live_opreg (unsigned int n)
{
  const reg_entry *r;

  if (i.types[n].bitfield.class != Reg
      && i.types[n].bitfield.instance == InstanceNone)
    return NULL;
  r = i.op[n].regs;
  if (r == NULL && i.input_output_operand
      && i.types[n].bitfield.instance == RegD)
    r = i.base_reg;		/* `(%dx)' */
  return r && r->reg_type.bitfield.class == Reg ? r : NULL;
}

static unsigned int
afterburn_live_memregs (void)
{
  unsigned int bits = 0, size;
  bool part;
  int r;

  if ((r = afterburn_live_gpr (i.base_reg, &size, &part)) >= 0)
    bits |= 1u << r;
  if ((r = afterburn_live_gpr (i.index_reg, &size, &part)) >= 0)
    bits |= 1u << r;
  return bits;
}

/* The instruction's operand size in bytes, for the implicit writes.  */
static unsigned int
afterburn_live_opsize (void)
{
  unsigned int n, size;
  bool part;

  switch (i.suffix)
    {
    case BYTE_MNEM_SUFFIX: return 1;
    case WORD_MNEM_SUFFIX: return 2;
    case LONG_MNEM_SUFFIX: return 4;
    case QWORD_MNEM_SUFFIX: return 8;
    }
  for (n = i.operands; n-- > 0;)
    if (afterburn_live_gpr (afterburn_live_opreg (n), &size, &part) >= 0)
      return size;
  return 4;
}

/* The role letter of operand N, 0 if OPS has none.  */
static char
afterburn_live_role (const char *ops, unsigned int n)
{
  size_t len = strlen (ops);

  if (n < len && ops[n] != '*')
    return ops[n];
  if (len >= 2 && ops[len - 1] == '*')
    return ops[len - 2];
  return 0;
}

/* The def/use row of the current instruction (`i'), and its canonical
   name: string instructions by opcode, condition-code families.  */
static const struct afterburn_du *
afterburn_live_row (const char **namep)
{
  const char *name = i.tm.name;
  unsigned int op = i.tm.base_opcode;
  unsigned int space = i.tm.opcode_modifier.opcodespace;

  if (space == SPACE_BASE && !i.tm.opcode_modifier.modrm
      && (((op & ~1u) >= 0xa4 && (op & ~1u) <= 0xae && (op & ~1u) != 0xa8)
	  || (op & ~1u) == 0x6c || (op & ~1u) == 0x6e))
    {
      static const char *const str[] =
	{ "movs", "cmps", NULL, "stos", "lods", "scas" };

      name = (op & ~1u) == 0x6c ? "ins" : (op & ~1u) == 0x6e ? "outs"
	     : str[((op & ~1u) - 0xa4) / 2];
    }
  else if (name[0] == 'j' && space == SPACE_BASE && (op & 0xf0) == 0x70)
    name = "j<cc>";
  else if (strncmp (name, "set", 3) == 0 && space == SPACE_0F
	   && (op & 0xf0) == 0x90)
    name = "set<cc>";
  else if (strncmp (name, "cmov", 4) == 0 && space == SPACE_0F
	   && (op & 0xf0) == 0x40)
    name = "cmov<cc>";
  *namep = name;
  return afterburn_du_find (name, i.operands);
}

/* Fill N's effects from the current instruction.  BUF[0..LEN) are its
   bytes (with chained prefixes), LEN 0 if unknown.  */
static void
afterburn_live_describe (struct afterburn_lnode *n, const unsigned char *buf,
			 unsigned int len)
{
  const struct afterburn_du *row;
  const char *name;
  unsigned int k, size, opsize, fdef;
  bool part, memread = false;
  int r;

  row = afterburn_live_row (&name);
  if (row == NULL)
    {
      n->uncovered = true;
      n->use = AB_LIVE_ALL;
      n->flow = AB_FLOW_STOP;
      if (afterburn_live_report)
	afterburn_live_info (_("afterburn: liveness: `%s' with %u operand(s) "
			       "is not in the def/use table: everything is "
			       "live before it"), name, i.operands);
      return;
    }
  for (k = 0; k < i.operands; k++)
    {
      char role = afterburn_live_role (row->ops, k);

      if (role == 0)
	{
	  n->uncovered = true;
	  n->use = AB_LIVE_ALL;
	  n->flow = AB_FLOW_STOP;
	  if (afterburn_live_report)
	    afterburn_live_info (_("afterburn: liveness: `%s' operand %u has "
				   "no role in the def/use table"),
				 name, k + 1);
	  return;
	}
      if ((r = afterburn_live_gpr (afterburn_live_opreg (k), &size, &part))
	  >= 0)
	{
	  unsigned int bit = 1u << r;

	  switch (role)
	    {
	    case 'n':
	      break;
	    case 'w':
	      if (part)
		n->use |= bit;
	      else
		n->def |= bit;
	      n->wr |= bit;
	      break;
	    case 'r':
	      n->use |= bit;
	      break;
	    default:		/* m, and a register where none was expected */
	      n->use |= bit;
	      n->wr |= bit;
	      break;
	    }
	}
      if (role != 'n')
	memread = true;
    }
  if (memread && i.mem_operands)
    n->use |= afterburn_live_memregs ();

  opsize = afterburn_live_opsize ();
  n->use |= row->use | row->mod;
  n->wr |= row->def | row->mod;
  if (opsize >= 4)
    n->def |= row->def;
  else
    n->use |= row->def;
  if (row->attr == AB_DUA_STR)
    {
      struct ab_prefixes px;

      memset (&px, 0, sizeof (px));
      if (len)
	ab_scan_prefixes (buf, len, afterburn_mode_of (flag_code), &px);
      if (px.rep || i.prefix[REP_PREFIX])
	{
	  n->use |= rCX;
	  n->wr |= rCX;
	}
    }
  if (row->attr == AB_DUA_ZERO && i.operands == 2
      && afterburn_live_opreg (0) && afterburn_live_opreg (0) == afterburn_live_opreg (1)
      && (r = afterburn_live_gpr (afterburn_live_opreg (0), &size, &part)) >= 0
      && !part)
    {
      n->use &= ~(1u << r);
      n->def |= 1u << r;
      if (strcmp (name, "sbb") != 0)
	{
	  n->cdst = r;		/* xor %reg,%reg, sub %reg,%reg: 0 */
	  n->cbits = 32;
	  n->cval = 0;
	}
    }

  /* Flags.  */
  if (row->fuse & fCC)
    n->use |= afterburn_cc_flags (i.tm.base_opcode & 0xf);
  n->use |= row->fuse & AB_LIVE_FLAGS;
  fdef = row->fdef;
  if (row->attr == AB_DUA_SHIFT && i.operands >= 2)
    {
      /* The count: 0 leaves the flags alone.  */
      const expressionS *e = i.op[0].imms;
      unsigned int mask = opsize == 8 ? 0x3f : 0x1f;

      if (!(operand_type_check (i.types[0], imm) && e
	    && e->X_op == O_constant && (e->X_add_number & mask) != 0))
	{
	  n->use |= fdef;
	  n->wr |= fdef;
	  fdef = 0;
	}
    }
  n->def |= fdef;
  n->wr |= fdef;

  /* Constants and copies, for known operands.  */
  if ((strcmp (name, "mov") == 0 || strcmp (name, "movabs") == 0)
      && i.operands == 2
      && (r = afterburn_live_gpr (afterburn_live_opreg (1), &size, &part)) >= 0
      && size >= 2)
    {
      unsigned int ssize;
      bool spart;
      int s;

      if (operand_type_check (i.types[0], imm) && i.op[0].imms
	  && i.op[0].imms->X_op == O_constant)
	{
	  n->cdst = r;
	  n->cbits = size >= 4 ? 32 : 16;
	  n->cval = (unsigned int) i.op[0].imms->X_add_number;
	}
      else if ((s = afterburn_live_gpr (afterburn_live_opreg (0), &ssize,
					&spart)) >= 0
	       && ssize >= 2)
	{
	  n->cdst = r;
	  n->csrc = s;
	  n->cbits = size >= 4 && ssize >= 4 ? 32 : 16;
	}
    }

  /* Control flow.  */
  n->flow = row->flow;
  if (n->flow == AB_FLOW_JMP || n->flow == AB_FLOW_JCC
      || n->flow == AB_FLOW_CALL)
    {
      unsigned int jump = i.tm.opcode_modifier.jump;
      const expressionS *e = i.op[0].disps;

      if ((jump == JUMP || jump == JUMP_BYTE || jump == JUMP_DWORD)
	  && e && e->X_op == O_symbol)
	{
	  n->target_known = true;
	  n->target = e->X_add_symbol;
	  n->target_add = e->X_add_number;
	}
      else if (n->flow == AB_FLOW_JMP && jump == JUMP_ABSOLUTE
	       && i.mem_operands == 1 && i.base_reg == NULL
	       && i.index_reg != NULL
	       && afterburn_live_gpr (i.index_reg, &size, &part) >= 0
	       && e && e->X_op == O_symbol && i.seg[0] == NULL)
	{
	  n->table = e->X_add_symbol;
	  n->table_add = e->X_add_number;
	  n->table_scale = 1u << i.log2_scale_factor;
	}
      if (n->flow == AB_FLOW_JMP && !n->target_known && n->table == NULL)
	n->flow = AB_FLOW_STOP;
      else if (n->flow == AB_FLOW_JCC && !n->target_known)
	n->out_all = true;
    }
}

/* Called after every instruction is output (afterburn_end_insn): FRAG/OFF
   is where it starts (with chained prefixes), BUF[0..LEN) its bytes.  */
static void
afterburn_live_note_insn (fragS *frag, offsetT off, const unsigned char *buf,
			  unsigned int len)
{
  struct afterburn_lnode *n;

  if (!afterburn_live_enabled || now_seg == absolute_section
      || !(bfd_section_flags (now_seg) & SEC_CODE))
    return;
  n = afterburn_live_new (now_seg, frag, off);
  n->efrag = frag_now;
  n->eoff = frag_now_fix ();
  n->code64 = flag_code == CODE_64BIT;
  if (flag_code == CODE_16BIT)
    {
      /* 16-bit code is never patched: not analysed.  */
      n->use = AB_LIVE_ALL;
      n->flow = AB_FLOW_STOP;
      return;
    }
  afterburn_live_describe (n, buf, len);
}

/* A site's effects when it was spelled with .byte (no parsed operands):
   its kind's row, every implicit write taken as a partial one, its
   register operand read and written.  */
static void
afterburn_live_describe_bytes (struct afterburn_lnode *n,
			       const struct afterburn_site *r)
{
  const struct afterburn_du *row = NULL;
  const char *name = afterburn_member_name (r->kind, r->member);
  size_t k;

  for (k = 0; k < ARRAY_SIZE (afterburn_du_rows) && row == NULL; k++)
    if (strcmp (afterburn_du_rows[k].name, name) == 0)
      row = &afterburn_du_rows[k];
  if (row == NULL)
    {
      n->uncovered = true;
      n->use = AB_LIVE_ALL;
      n->flow = AB_FLOW_STOP;
      return;
    }
  n->use = row->use | row->mod | row->def | (row->fuse & AB_LIVE_FLAGS);
  n->wr = row->def | row->mod | row->fdef;
  if (r->reg < 16)
    n->use |= 1u << r->reg, n->wr |= 1u << r->reg;
  if (r->form == AB_FORM_MEM && r->base < 16)
    n->use |= 1u << r->base;
  if (r->form == AB_FORM_MEM && r->index < 16)
    n->use |= 1u << r->index;
  if (r->form == AB_FORM_REG && r->base < 16)
    n->use |= 1u << r->base, n->wr |= 1u << r->base;
  if (r->flags & AB_FL_REP)
    n->use |= rCX, n->wr |= rCX;
  n->flow = row->flow;
  if (n->flow == AB_FLOW_JMP || n->flow == AB_FLOW_JCC)
    n->flow = AB_FLOW_STOP;
}

/* Called by afterburn_emit_record: record R of a site in CODE_SEG whose
   room ends at CODE_FRAG/CODE_END was written at RFRAG/RWHERE.  */
static void
afterburn_live_note_record (const struct afterburn_site *r, segT code_seg,
			    fragS *code_frag, offsetT code_end,
			    fragS *rfrag, offsetT rwhere, bool range)
{
  struct afterburn_lnode *n = NULL;
  offsetT start = code_end - r->room;

  if (!afterburn_live_enabled || range || start < 0)
    return;
  if (afterburn_nln)
    {
      n = &afterburn_ln[afterburn_nln - 1];
      if (n->seg != code_seg || n->frag != code_frag || n->off != start)
	n = NULL;
    }
  if (n == NULL)
    {
      n = afterburn_live_new (code_seg, code_frag, start);
      if (r->xflags & AB_XF_BYTES)
	afterburn_live_describe_bytes (n, r);
      else
	{
	  n->uncovered = true;
	  n->use = AB_LIVE_ALL;
	  n->flow = AB_FLOW_STOP;
	}
    }
  n->efrag = code_frag;
  n->eoff = code_end;
  n->code64 = afterburn_site_mode (r) == AB_MODE_64;
  n->file = as_where (&n->line);
  n->site = true;
  n->rec = *r;
  n->rfrag = rfrag;
  n->rwhere = rwhere;
  n->tseg = now_seg;
}

/* Called by afterburn_emit_header: table section now_seg's header.  */
static void
afterburn_live_note_header (fragS *frag, offsetT where)
{
  afterburn_theaders = XRESIZEVEC (struct afterburn_theader,
				   afterburn_theaders,
				   afterburn_ntheaders + 1);
  afterburn_theaders[afterburn_ntheaders].tseg = now_seg;
  afterburn_theaders[afterburn_ntheaders].frag = frag;
  afterburn_theaders[afterburn_ntheaders].where = where;
  afterburn_theaders[afterburn_ntheaders].insns = 0;
  afterburn_theaders[afterburn_ntheaders].uncovered = 0;
  afterburn_ntheaders++;
}

/* Called for every label (tc_frob_label).  */
static void
afterburn_live_note_label (void)
{
  if (!afterburn_live_enabled || now_seg == absolute_section
      || !(bfd_section_flags (now_seg) & SEC_ALLOC))
    return;
  if (afterburn_nlabels == afterburn_alabels)
    {
      afterburn_alabels = afterburn_alabels ? 2 * afterburn_alabels : 1024;
      afterburn_labels = XRESIZEVEC (struct afterburn_label, afterburn_labels,
				     afterburn_alabels);
    }
  afterburn_labels[afterburn_nlabels].seg = now_seg;
  afterburn_labels[afterburn_nlabels].frag = frag_now;
  afterburn_labels[afterburn_nlabels].off = frag_now_fix ();
  afterburn_nlabels++;
}

/* ---- after relaxation ------------------------------------------------------ */

/* A section's frags and fixups in address order, built once.  */
struct afterburn_secdata
{
  segT seg;
  fragS **frags;
  size_t nfrags;
  fixS **fixes;
  size_t nfixes;
};
static struct afterburn_secdata *afterburn_sd;
static size_t afterburn_nsd;

static addressT
afterburn_fix_addr (const fixS *x)
{
  return x->fx_frag->fr_address + x->fx_where;
}

static int
afterburn_live_fix_cmp (const void *pa, const void *pb)
{
  addressT a = afterburn_fix_addr (*(fixS *const *) pa);
  addressT b = afterburn_fix_addr (*(fixS *const *) pb);

  return a < b ? -1 : a > b;
}

static struct afterburn_secdata *
afterburn_live_secdata (segT seg)
{
  struct afterburn_secdata *d;
  segment_info_type *si = seg_info (seg);
  fragS *f;
  fixS *x;
  size_t k;

  for (k = 0; k < afterburn_nsd; k++)
    if (afterburn_sd[k].seg == seg)
      return &afterburn_sd[k];
  afterburn_sd = XRESIZEVEC (struct afterburn_secdata, afterburn_sd,
			     afterburn_nsd + 1);
  d = &afterburn_sd[afterburn_nsd++];
  memset (d, 0, sizeof (*d));
  d->seg = seg;
  if (si == NULL || si->frchainP == NULL)
    return d;
  for (f = si->frchainP->frch_root; f; f = f->fr_next)
    d->nfrags++;
  d->frags = XNEWVEC (fragS *, d->nfrags + 1);
  for (k = 0, f = si->frchainP->frch_root; f; f = f->fr_next)
    d->frags[k++] = f;
  for (x = si->fix_root; x; x = x->fx_next)
    d->nfixes++;
  d->fixes = XNEWVEC (fixS *, d->nfixes + 1);
  for (k = 0, x = si->fix_root; x; x = x->fx_next)
    d->fixes[k++] = x;
  qsort (d->fixes, d->nfixes, sizeof (fixS *), afterburn_live_fix_cmp);
  return d;
}

/* The first fixup of D at an address >= ADDR (index, nfixes if none).  */
static size_t
afterburn_live_fix_from (const struct afterburn_secdata *d, addressT addr)
{
  size_t lo = 0, hi = d->nfixes;

  while (lo < hi)
    {
      size_t mid = (lo + hi) / 2;

      if (afterburn_fix_addr (d->fixes[mid]) < addr)
	lo = mid + 1;
      else
	hi = mid;
    }
  return lo;
}

/* The fixup of SEG at exactly ADDR, or NULL.  */
static fixS *
afterburn_live_fix_at (segT seg, addressT addr)
{
  struct afterburn_secdata *d = afterburn_live_secdata (seg);
  size_t k = afterburn_live_fix_from (d, addr);

  return k < d->nfixes && afterburn_fix_addr (d->fixes[k]) == addr
	 ? d->fixes[k] : NULL;
}

/* Read N bytes at ADDR of SEG (after relaxation, before fixups) into BUF.
   False if some byte lies outside the section or comes from a fixup.  */
static bool
afterburn_live_read (segT seg, addressT addr, size_t n, unsigned char *buf)
{
  struct afterburn_secdata *d = afterburn_live_secdata (seg);
  size_t k = afterburn_live_fix_from (d, addr > 16 ? addr - 16 : 0);
  size_t lo = 0, hi = d->nfrags;

  for (; k < d->nfixes && afterburn_fix_addr (d->fixes[k]) < addr + n; k++)
    if (afterburn_fix_addr (d->fixes[k]) + d->fixes[k]->fx_size > addr)
      return false;
  /* The last frag starting at or before ADDR.  */
  while (lo < hi)
    {
      size_t mid = (lo + hi) / 2;

      if (d->frags[mid]->fr_address <= addr)
	lo = mid + 1;
      else
	hi = mid;
    }
  for (k = lo ? lo - 1 : 0; k < d->nfrags && n; k++)
    {
      fragS *f = d->frags[k];
      addressT fix_end = f->fr_address + f->fr_fix;
      addressT var_end = f->fr_next ? f->fr_next->fr_address : fix_end;

      while (n && addr >= f->fr_address && addr < var_end)
	{
	  if (addr < fix_end)
	    *buf = f->fr_literal[addr - f->fr_address];
	  else if (f->fr_type == rs_fill && f->fr_var > 0)
	    *buf = f->fr_literal[f->fr_fix + (addr - fix_end) % f->fr_var];
	  else if (f->fr_type == rs_fill_nop)
	    *buf = 0x90;
	  else
	    return false;
	  buf++, addr++, n--;
	}
    }
  return n == 0;
}

/* The length of the NOP at B[0..N) (the patterns gas pads with, and
   register-to-itself moves and leas of 32-bit code), 0 if it is not one.  */
static unsigned int
afterburn_live_nop_len (const unsigned char *b, size_t n, bool code64)
{
  size_t k = 0;

  while (k < n && k < 14 && (b[k] == 0x66 || b[k] == 0x2e))
    k++;
  if (k < n && b[k] == 0x90)
    return k + 1;
  if (k + 2 < n + 0 && b[k] == 0x0f && b[k + 1] == 0x1f
      && ((b[k + 2] >> 3) & 7) == 0)
    {
      unsigned int m = b[k + 2], mod = m >> 6, rm = m & 7;
      size_t len = k + 3;

      if (mod != 3 && rm == 4)
	len++;			/* SIB */
      if (mod == 1)
	len += 1;
      else if (mod == 2 || (mod == 0 && (rm == 5 || (rm == 4 && len <= n
							&& (b[len - 1] & 7) == 5))))
	len += 4;
      return len <= n && len <= 15 ? len : 0;
    }
  if (!code64 && k == 0 && n >= 2)
    {
      /* mov %esi,%esi; mov %edi,%edi; lea 0(%esi),%esi ... (f32_patt) */
      if ((b[0] == 0x89 || b[0] == 0x8b) && (b[1] == 0xf6 || b[1] == 0xff))
	return 2;
      if (b[0] == 0x8d && n >= 3 && b[1] == 0x76 && b[2] == 0)
	return 3;
      if (b[0] == 0x8d && n >= 4 && b[1] == 0x74 && b[2] == 0x26 && b[3] == 0)
	return 4;
      if (b[0] == 0x8d && n >= 6 && (b[1] == 0xb6 || b[1] == 0xbf)
	  && !b[2] && !b[3] && !b[4] && !b[5])
	return 6;
      if (b[0] == 0x8d && n >= 7 && (b[1] == 0xb4 || b[1] == 0xbc)
	  && (b[2] == 0x26 || b[2] == 0x27)
	  && !b[3] && !b[4] && !b[5] && !b[6])
	return 7;
    }
  return 0;
}

/* Do the bytes [A, B) of SEG only hold NOPs (or a jump over NOPs to B)?  */
static bool
afterburn_live_nop_gap (segT seg, addressT a, addressT b, bool code64)
{
  unsigned char buf[256];
  size_t n = b - a, k = 0;

  if (b < a)
    return false;
  if (n == 0)
    return true;
  if (n > sizeof (buf) || !afterburn_live_read (seg, a, n, buf))
    return false;
  if (buf[0] == 0xeb && n >= 2 && (size_t) (signed char) buf[1] == n - 2)
    return true;		/* long alignment: jmp over it */
  while (k < n)
    {
      unsigned int len = afterburn_live_nop_len (buf + k, n - k, code64);

      if (len == 0)
	return false;
      k += len;
    }
  return k == n;
}

/* The nodes of one section, sorted by address.  */
struct afterburn_lsec
{
  segT seg;
  unsigned int *idx;
  size_t n;
};

static int
afterburn_live_cmp (const void *pa, const void *pb)
{
  const struct afterburn_lnode *a = &afterburn_ln[*(const unsigned int *) pa];
  const struct afterburn_lnode *b = &afterburn_ln[*(const unsigned int *) pb];

  if (a->addr != b->addr)
    return a->addr < b->addr ? -1 : 1;
  return a < b ? -1 : a > b;
}

/* The position in S of the node that starts at ADDR, or that the NOP-only
   bytes from ADDR lead into; -1 if none.  */
static long
afterburn_live_find (const struct afterburn_lsec *s, addressT addr)
{
  size_t lo = 0, hi = s->n;

  while (lo < hi)
    {
      size_t mid = (lo + hi) / 2;

      if (afterburn_ln[s->idx[mid]].addr < addr)
	lo = mid + 1;
      else
	hi = mid;
    }
  if (lo == s->n)
    return -1;
  if (afterburn_ln[s->idx[lo]].addr == addr)
    return lo;
  /* Inside a gap before node LO?  */
  if (lo > 0 && afterburn_ln[s->idx[lo - 1]].end > addr)
    return -1;			/* inside an instruction */
  if (afterburn_live_nop_gap (s->seg, addr, afterburn_ln[s->idx[lo]].addr,
			      afterburn_ln[s->idx[lo]].code64))
    return lo;
  return -1;
}

/* The node of S whose bytes or whose following NOP gap hold ADDR: where
   control that reaches ADDR comes from.  -1 if none.  */
static long
afterburn_live_find_at_or_before (const struct afterburn_lsec *s,
				  addressT addr)
{
  size_t lo = 0, hi = s->n;

  while (lo < hi)
    {
      size_t mid = (lo + hi) / 2;

      if (afterburn_ln[s->idx[mid]].addr <= addr)
	lo = mid + 1;
      else
	hi = mid;
    }
  return (long) lo - 1;
}

static void
afterburn_live_add_succ (struct afterburn_lnode *n, unsigned int to)
{
  unsigned int k;

  for (k = 0; k < n->nsucc; k++)
    if (n->succ[k] == to)
      return;
  if (n->nsucc == n->asucc)
    {
      n->asucc = n->asucc ? 2 * n->asucc : 2;
      n->succ = XRESIZEVEC (unsigned int, n->succ, n->asucc);
    }
  n->succ[n->nsucc++] = to;
}

/* The address SYM + ADD names in SEG: false if it is elsewhere, weak
   (another definition may win at link time) or not resolved.  */
static bool
afterburn_live_sym_addr (symbolS *sym, offsetT add, segT seg, addressT *addr)
{
  if (sym == NULL || !S_IS_DEFINED (sym) || S_IS_WEAK (sym)
      || S_GET_SEGMENT (sym) != seg)
    return false;
  *addr = S_GET_VALUE (sym) + add;
  return true;
}

/* The code address a fixup of a data section refers to, in SEG.  */
static bool
afterburn_live_fix_addr (fixS *x, segT seg, addressT *addr)
{
  if (x->fx_subsy && S_GET_SEGMENT (x->fx_subsy) == seg)
    return false;		/* a length, not an address */
  return afterburn_live_sym_addr (x->fx_addsy, x->fx_offset, seg, addr);
}

static int
afterburn_live_label_cmp (const void *pa, const void *pb)
{
  const struct afterburn_label *a = pa, *b = pb;

  if (a->seg != b->seg)
    return a->seg->index < b->seg->index ? -1 : a->seg->index > b->seg->index;
  return a->addr < b->addr ? -1 : a->addr > b->addr;
}

/* The first label of SEG at an address > ADDR, or the section's size.  */
static addressT
afterburn_live_next_label (segT seg, addressT addr)
{
  size_t lo = 0, hi = afterburn_nlabels;

  while (lo < hi)
    {
      size_t mid = (lo + hi) / 2;
      const struct afterburn_label *l = &afterburn_labels[mid];

      if (l->seg->index < seg->index
	  || (l->seg == seg && l->addr <= addr))
	lo = mid + 1;
      else
	hi = mid;
    }
  if (lo < afterburn_nlabels && afterburn_labels[lo].seg == seg)
    return afterburn_labels[lo].addr;
  return bfd_section_size (seg);
}

/* Successors of node K (position P of S) through its jump table: the
   entries from the table's label up to the next label of its section,
   each an absolute pointer of the table's scale to code of S.  False if
   the table cannot be read so (then the jump is unknown).  */
static bool
afterburn_live_table (const struct afterburn_lsec *s,
		      struct afterburn_lnode *n)
{
  symbolS *t = n->table;
  segT ts;
  addressT start, stop, a;
  unsigned int scale = n->table_scale, want = n->code64 ? 8 : 4;
  size_t entries = 0;

  if (scale != want || !S_IS_DEFINED (t) || S_IS_WEAK (t))
    return false;
  ts = S_GET_SEGMENT (t);
  if (ts == NULL || ts == s->seg || !(bfd_section_flags (ts) & SEC_READONLY)
      || (bfd_section_flags (ts) & SEC_CODE) || !seg_info (ts))
    return false;
  start = S_GET_VALUE (t) + n->table_add;
  stop = afterburn_live_next_label (ts, start);
  for (a = start; a + scale <= stop; a += scale)
    {
      fixS *x = afterburn_live_fix_at (ts, a);
      addressT to;
      long p = -1;

      if (x == NULL || x->fx_size != scale || x->fx_pcrel || x->fx_subsy
	  || !afterburn_live_fix_addr (x, s->seg, &to)
	  || (p = afterburn_live_find (s, to)) < 0)
	return false;
      afterburn_live_add_succ (n, s->idx[p]);
      entries++;
    }
  return entries > 0;
}

/* The kernel's own tables of extra control flow, read from this object:
   __jump_table entries (code, target, key) make the code a branch to the
   target or the next instruction (the NOP or jmp there is rewritten at
   run time); __ex_table entries (insn, fixup, data) give the faulting
   instruction an edge to its fixup and make it read every register (the
   fixup handlers see pt_regs); every place .altinstructions names may be
   replaced by other code, which may read anything.  */
static void
afterburn_live_kernel_tables (struct afterburn_lsec *secs, size_t nsecs)
{
  static const struct
  {
    const char *name;
    unsigned int size;		/* entry size; 0: any reference */
  } tabs[] = { { "__jump_table", 16 }, { "__ex_table", 12 },
	       { ".altinstructions", 0 } };
  asection *d;
  size_t t, k;

  for (d = stdoutput->sections; d; d = d->next)
    for (t = 0; t < ARRAY_SIZE (tabs); t++)
      {
	fixS *x;

	if (strcmp (bfd_section_name (d), tabs[t].name) != 0 || !seg_info (d))
	  continue;
	for (x = seg_info (d)->fix_root; x; x = x->fx_next)
	  {
	    addressT off = x->fx_frag->fr_address + x->fx_where, code, to;
	    struct afterburn_lsec *s = NULL;
	    fixS *y;
	    long p;

	    for (k = 0; k < nsecs; k++)
	      if (afterburn_live_fix_addr (x, secs[k].seg, &code))
		s = &secs[k];
	    if (s == NULL)
	      continue;
	    p = afterburn_live_find_at_or_before (s, code);
	    if (tabs[t].size == 0 || off % tabs[t].size != 0)
	      {
		/* .altinstructions, or a field other than the first:
		   whatever runs there may read anything.  Targets (the
		   second field) are ordinary code.  */
		if (tabs[t].size && off % tabs[t].size == 4)
		  continue;
		if (p >= 0 && afterburn_ln[s->idx[p]].addr == code)
		  afterburn_ln[s->idx[p]].reads_all = true;
		else if (p >= 0)
		  afterburn_ln[s->idx[p]].out_all = true;
		else if (s->n)
		  afterburn_ln[s->idx[0]].reads_all = true;
		continue;
	      }
	    /* The first field: the second is the target.  */
	    y = afterburn_live_fix_at (d, off + 4);
	    if (p < 0)
	      {
		/* Before the first instruction: nothing flows there.  */
		if (s->n)
		  afterburn_ln[s->idx[0]].reads_all = true;
		continue;
	      }
	    {
	      struct afterburn_lnode *n = &afterburn_ln[s->idx[p]];
	      long q = -1;

	      if (code > n->addr && code < n->end)
		{
		  /* Inside an instruction: nothing the analysis knows.  */
		  n->reads_all = n->out_all = true;
		  continue;
		}
	      if (y && afterburn_live_fix_addr (y, s->seg, &to))
		q = afterburn_live_find (s, to);
	      if (q < 0)
		n->out_all = true;
	      else
		{
		  afterburn_live_add_succ (n, s->idx[q]);
		  afterburn_ln[s->idx[q]].block_start = true;
		}
	      if (t == 0)
		{
		  /* The jump label: the next instruction too.  */
		  if ((size_t) p + 1 < s->n)
		    afterburn_live_add_succ (n, s->idx[p + 1]);
		  else
		    n->out_all = true;
		}
	      else if (n->addr == code)
		n->reads_all = true;
	      else
		n->out_all = true;
	      n->block_start = true;
	      if ((size_t) p + 1 < s->n)
		afterburn_ln[s->idx[p + 1]].block_start = true;
	    }
	  }
      }
}

/* Known operands: a forward walk through each basic block.  */
static void
afterburn_live_known (struct afterburn_lsec *s)
{
  unsigned int val[16], bits[16];
  size_t p, l = 0;
  int r;

  while (l < afterburn_nlabels && afterburn_labels[l].seg->index < s->seg->index)
    l++;
  memset (bits, 0, sizeof (bits));
  for (p = 0; p < s->n; p++)
    {
      struct afterburn_lnode *n = &afterburn_ln[s->idx[p]];
      bool labelled = false;

      /* A label after the previous node's start may be a branch target.  */
      while (l < afterburn_nlabels && afterburn_labels[l].seg == s->seg
	     && afterburn_labels[l].addr <= n->addr)
	{
	  labelled = true;
	  l++;
	}
      if (labelled || n->block_start || p == 0)
	memset (bits, 0, sizeof (bits));
      if (n->site)
	{
	  unsigned int need;

	  r = afterburn_known_reg (&n->rec, &need);
	  if (r != AB_REG_NONE && bits[r] >= need)
	    {
	      n->rec.xflags |= AB_XF_KNOWN;
	      n->rec.known = need < 32 ? val[r] & ((1u << need) - 1) : val[r];
	    }
	}
      if (n->flow != AB_FLOW_NEXT || n->reads_all || n->out_all
	  || n->uncovered || n->nsucc > 1)
	{
	  memset (bits, 0, sizeof (bits));
	  continue;
	}
      if (n->cdst >= 0)
	{
	  unsigned int v = n->csrc >= 0 ? val[n->csrc] : n->cval;
	  unsigned int b = n->csrc >= 0 ? (bits[n->csrc] < n->cbits
					   ? bits[n->csrc] : n->cbits)
				       : n->cbits;

	  for (r = 0; r < 16; r++)
	    if ((n->wr & (1u << r)) && r != n->cdst)
	      bits[r] = 0;
	  bits[n->cdst] = b;
	  val[n->cdst] = v;
	  continue;
	}
      for (r = 0; r < 16; r++)
	if (n->wr & (1u << r))
	  bits[r] = 0;
    }
}

/* Write the masks (and a known operand) into the site's record.  */
static void
afterburn_live_write (struct afterburn_lnode *n)
{
  char *p = n->rfrag->fr_literal + n->rwhere;

  if (afterburn_live_break && (n->out & AB_LIVE_GPRS & ~rSP))
    {
      unsigned int gprs = n->out & AB_LIVE_GPRS & ~rSP;

      n->out &= ~(gprs & -gprs);
    }
  md_number_to_chars (p + offsetof (struct afterburn_site, live_in),
		      n->in & AB_LIVE_GPRS, 2);
  md_number_to_chars (p + offsetof (struct afterburn_site, live),
		      AB_LIVE_VALID | (n->out & AB_LIVE_ALL), 4);
  if (n->rec.xflags & AB_XF_KNOWN)
    {
      p[offsetof (struct afterburn_site, xflags)] = n->rec.xflags;
      md_number_to_chars (p + offsetof (struct afterburn_site, known),
			  n->rec.known, 4);
    }
  if (afterburn_live_report)
    as_info_where (n->file, n->line, 0,
		   _("afterburn: liveness: %s site at %s+0x%lx: live-in 0x%04x,"
		     " live 0x%08x%s"),
		   afterburn_kind_by_num (n->rec.kind)->name,
		   segment_name (n->seg), (unsigned long) n->addr,
		   n->in & AB_LIVE_GPRS, AB_LIVE_VALID | (n->out & AB_LIVE_ALL),
		   (n->rec.xflags & AB_XF_KNOWN) ? " (known operand)" : "");
}

/* md_post_relax_hook: every address is final, no contents are written.  */
void
afterburn_live_analyse (void)
{
  struct afterburn_lsec *secs = NULL;
  size_t nsecs = 0, k, p, t;
  unsigned int *order;
  bool have_site = false;

  if (!afterburn_live_enabled || !afterburn_enabled || afterburn_nln == 0
      || had_errors ())
    return;
  for (k = 0; k < afterburn_nln; k++)
    have_site |= afterburn_ln[k].site;
  if (!have_site)
    return;

  /* Addresses, and the nodes of each section in address order.  */
  order = XNEWVEC (unsigned int, afterburn_nln);
  for (k = 0; k < afterburn_nln; k++)
    {
      struct afterburn_lnode *n = &afterburn_ln[k];

      n->addr = n->frag->fr_address + n->off;
      n->end = n->efrag->fr_address + n->eoff;
      order[k] = k;
    }
  for (k = 0; k < afterburn_nlabels; k++)
    afterburn_labels[k].addr = afterburn_labels[k].frag->fr_address
			       + afterburn_labels[k].off;
  qsort (afterburn_labels, afterburn_nlabels, sizeof (*afterburn_labels),
	 afterburn_live_label_cmp);
  for (k = 0; k < afterburn_nln; k++)
    {
      segT seg = afterburn_ln[k].seg;

      for (t = 0; t < nsecs && secs[t].seg != seg; t++)
	;
      if (t == nsecs)
	{
	  secs = XRESIZEVEC (struct afterburn_lsec, secs, nsecs + 1);
	  memset (&secs[nsecs], 0, sizeof (secs[nsecs]));
	  secs[nsecs].seg = seg;
	  secs[nsecs].idx = order + k;	/* provisional */
	  nsecs++;
	}
      secs[t].n++;
    }
  /* Group ORDER by section, then sort each group by address.  */
  {
    size_t at = 0;
    unsigned int *grouped = XNEWVEC (unsigned int, afterburn_nln);

    for (t = 0; t < nsecs; t++)
      {
	secs[t].idx = grouped + at;
	secs[t].n = 0;
	for (k = 0; k < afterburn_nln; k++)
	  if (afterburn_ln[k].seg == secs[t].seg)
	    secs[t].idx[secs[t].n++] = k;
	at += secs[t].n;
	qsort (secs[t].idx, secs[t].n, sizeof (unsigned int),
	       afterburn_live_cmp);
      }
    free (order);
    order = grouped;
  }

  /* Successors.  */
  for (t = 0; t < nsecs; t++)
    {
      struct afterburn_lsec *s = &secs[t];
      bool altrepl = strcmp (segment_name (s->seg),
			     ".altinstr_replacement") == 0;

      for (p = 0; p < s->n; p++)
	{
	  struct afterburn_lnode *n = &afterburn_ln[s->idx[p]];
	  addressT to;
	  long q;

	  /* Overlapping nodes cannot be told apart: give up on both.  */
	  if (p + 1 < s->n && n->end > afterburn_ln[s->idx[p + 1]].addr)
	    {
	      n->out_all = n->reads_all = true;
	      afterburn_ln[s->idx[p + 1]].reads_all = true;
	    }
	  /* Replacement code is copied over the original: where each
	     block ends, control goes back to the original's stream.  */
	  if (altrepl)
	    n->out_all = true;
	  switch (n->flow)
	    {
	    case AB_FLOW_NEXT:
	    case AB_FLOW_JCC:
	    case AB_FLOW_CALL:
	    case AB_FLOW_TRAP:
	      if (p + 1 < s->n
		  && afterburn_live_nop_gap (s->seg, n->end,
					     afterburn_ln[s->idx[p + 1]].addr,
					     n->code64))
		afterburn_live_add_succ (n, s->idx[p + 1]);
	      else
		n->out_all = true;
	      break;
	    default:
	      break;
	    }
	  if (n->flow == AB_FLOW_JMP || n->flow == AB_FLOW_JCC)
	    {
	      if (n->table)
		{
		  if (!afterburn_live_table (s, n))
		    n->out_all = true;
		}
	      else if (n->target_known
		       && afterburn_live_sym_addr (n->target, n->target_add,
						   s->seg, &to)
		       && (q = afterburn_live_find (s, to)) >= 0)
		{
		  afterburn_live_add_succ (n, s->idx[q]);
		  afterburn_ln[s->idx[q]].block_start = true;
		}
	      else
		n->out_all = true;
	    }
	  /* A trap's handler runs after the instruction (int $n delivers
	     there) and sees every register.  */
	  if (n->flow == AB_FLOW_RET || n->flow == AB_FLOW_STOP
	      || n->flow == AB_FLOW_TRAP)
	    n->out_all = true;
	}
    }
  afterburn_live_kernel_tables (secs, nsecs);

  /* The backward dataflow problem, to a fixed point.  */
  for (t = 0; t < nsecs; t++)
    {
      struct afterburn_lsec *s = &secs[t];
      bool changed = true;

      while (changed)
	{
	  changed = false;
	  for (p = s->n; p-- > 0;)
	    {
	      struct afterburn_lnode *n = &afterburn_ln[s->idx[p]];
	      unsigned int out = n->out_all ? AB_LIVE_ALL : 0, in, e;

	      for (e = 0; e < n->nsucc; e++)
		out |= afterburn_ln[n->succ[e]].in;
	      in = n->use | (out & ~n->def);
	      if (n->reads_all || n->flow == AB_FLOW_CALL
		  || n->flow == AB_FLOW_TRAP || n->uncovered)
		in = AB_LIVE_ALL;
	      if (in != n->in || out != n->out)
		changed = true;
	      n->in = in;
	      n->out = out;
	    }
	}
      afterburn_live_known (s);
    }

  /* Results: the records, and the counts in each table's header.  */
  for (k = 0; k < afterburn_nln; k++)
    {
      struct afterburn_lnode *n = &afterburn_ln[k];

      if (n->site && n->rfrag)
	afterburn_live_write (n);
    }
  for (t = 0; t < nsecs; t++)
    {
      struct afterburn_theader *h = NULL;
      unsigned int insns = 0, uncovered = 0;

      for (p = 0; p < secs[t].n; p++)
	{
	  struct afterburn_lnode *n = &afterburn_ln[secs[t].idx[p]];

	  insns++;
	  uncovered += n->uncovered;
	  if (n->site && h == NULL)
	    for (k = 0; k < afterburn_ntheaders; k++)
	      if (afterburn_theaders[k].tseg == n->tseg)
		h = &afterburn_theaders[k];
	}
#if defined (OBJ_ELF) || defined (OBJ_MAYBE_ELF)
      if (h == NULL)
	for (k = 0; k < afterburn_ntheaders && h == NULL; k++)
	  if (elf_group_name (afterburn_theaders[k].tseg) == NULL)
	    h = &afterburn_theaders[k];
#endif
      if (h == NULL && afterburn_ntheaders)
	h = &afterburn_theaders[0];
      if (h)
	{
	  h->insns += insns;
	  h->uncovered += uncovered;
	}
    }
  for (k = 0; k < afterburn_ntheaders; k++)
    {
      struct afterburn_theader *h = &afterburn_theaders[k];
      char *p0 = h->frag->fr_literal + h->where;

      md_number_to_chars (p0 + offsetof (struct afterburn_header, insns),
			  h->insns, 4);
      md_number_to_chars (p0 + offsetof (struct afterburn_header, uncovered),
			  h->uncovered, 4);
    }
  free (order);
  free (secs);
  for (k = 0; k < afterburn_nsd; k++)
    {
      free (afterburn_sd[k].frags);
      free (afterburn_sd[k].fixes);
    }
  free (afterburn_sd);
  afterburn_sd = NULL;
  afterburn_nsd = 0;
}

/* --afterburn-liveness=on|off.  */
static int
afterburn_live_parse_option (const char *arg)
{
  if (strcasecmp (arg, "on") == 0)
    afterburn_live_enabled = true;
  else if (strcasecmp (arg, "off") == 0)
    afterburn_live_enabled = false;
  else if (strcasecmp (arg, "break") == 0)
    afterburn_live_enabled = afterburn_live_break = true;
  else
    as_fatal (_("invalid --afterburn-liveness= option: `%s' (expected on or "
		"off)"), arg);
  return 1;
}

#undef rAX
#undef rCX
#undef rDX
#undef rBX
#undef rSP
#undef rBP
#undef rSI
#undef rDI
#undef fCF
#undef fPF
#undef fAF
#undef fZF
#undef fSF
#undef fOF
#undef fDF
#undef fA6
#undef fCC
